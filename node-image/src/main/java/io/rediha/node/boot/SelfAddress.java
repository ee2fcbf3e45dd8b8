package io.rediha.node.boot;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tells whether an address a sentinel gives for the master is this node: same port (announced or
 * real), and a host that is the announced IP or resolves to one of this machine's interface
 * addresses. A name that does not resolve is not us: the safe answer, because "another master"
 * makes this node a replica, which loses nothing.
 */
final class SelfAddress implements Predicate<HostPort> {
    private final BootSettings settings;

    SelfAddress(BootSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean test(HostPort candidate) {
        if (candidate.port() != settings.redisPort() && candidate.port() != settings.advertisedRedisPort()) {
            return false;
        }
        if (settings.announceIp().map(ip -> ip.equalsIgnoreCase(candidate.host())).orElse(false)) {
            return true;
        }
        Set<InetAddress> mine = localAddresses();
        try {
            for (InetAddress a : InetAddress.getAllByName(candidate.host())) {
                if (mine.contains(a)) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }

    private static Set<InetAddress> localAddresses() {
        Set<InetAddress> all = new HashSet<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                all.addAll(Collections.list(nif.getInetAddresses()));
            }
        } catch (SocketException e) {
            // no interface list: only the announced IP can match
        }
        return all;
    }
}
