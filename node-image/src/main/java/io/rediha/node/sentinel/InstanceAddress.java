package io.rediha.node.sentinel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Where an instance lives: the name we were given (an IP, or a hostname when resolve-hostnames is
 * on) and the IP it resolved to when the address was made.
 *
 * <p>Two addresses are the same instance when their IPs are equal, or, if either name could not
 * be resolved, when the names are equal: a dead master's hostname often stops resolving (its
 * container is gone), and comparing by IP alone would then make it a stranger to itself.
 */
final class InstanceAddress {
    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");

    private final String hostname;
    private final String ip;
    private final int port;

    private InstanceAddress(String hostname, String ip, int port) {
        this.hostname = hostname;
        this.ip = ip;
        this.port = port;
    }

    /**
     * Makes an address, resolving {@code host} now when it is a name (only allowed with
     * resolve-hostnames). An unresolvable name keeps a null IP.
     *
     * @throws IllegalArgumentException "Invalid IP address or hostname specified" style failures
     */
    static InstanceAddress of(String host, int port, boolean resolveHostnames) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid port");
        }
        if (isIpLiteral(host)) {
            return new InstanceAddress(host, host, port);
        }
        if (!resolveHostnames) {
            throw new IllegalArgumentException("Invalid IP address or hostname specified");
        }
        return new InstanceAddress(host, resolve(host), port);
    }

    /** The same name, resolved again (a restarted container may have a new IP). */
    InstanceAddress reresolve() {
        if (isIpLiteral(hostname)) {
            return this;
        }
        String now = resolve(hostname);
        return now == null || now.equals(ip) ? this : new InstanceAddress(hostname, now, port);
    }

    private static String resolve(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static boolean isIpLiteral(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        var m = IPV4.matcher(host);
        if (m.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (host.indexOf(':') >= 0) {
            try {
                // A string containing ':' is parsed as an IPv6 literal, never looked up.
                InetAddress.getByName(host);
                return true;
            } catch (UnknownHostException | SecurityException e) {
                return false;
            }
        }
        return false;
    }

    String hostname() {
        return hostname;
    }

    /** The resolved IP, or null when the name did not resolve. */
    String ip() {
        return ip;
    }

    int port() {
        return port;
    }

    /** What to connect to. */
    String connectHost() {
        return ip != null ? ip : hostname;
    }

    /** What to show and send to others: the name with announce-hostnames, else the IP. */
    String announced(boolean announceHostnames) {
        return announceHostnames || ip == null ? hostname : ip;
    }

    boolean sameAs(InstanceAddress other) {
        if (other == null || port != other.port) {
            return false;
        }
        if (ip != null && other.ip != null) {
            return ip.equals(other.ip) || hostname.equalsIgnoreCase(other.hostname);
        }
        return hostname.equalsIgnoreCase(other.hostname);
    }

    boolean sameAs(String host, int port) {
        if (this.port != port) {
            return false;
        }
        return host.equalsIgnoreCase(hostname) || host.equals(ip);
    }

    @Override
    public String toString() {
        return hostname + ":" + port;
    }
}
