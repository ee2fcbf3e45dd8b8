package io.rediha.node.sentinel;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields Sentinel reads from a monitored instance's INFO text. Lines are matched by prefix,
 * unknown lines are ignored, and a field that is absent keeps its "unknown" value, so INFO from
 * Redis, from our server or from an older Redis all parse.
 */
record InfoReply(
        String runId,
        Role role,
        List<ReplicaLine> replicas,
        long masterLinkDownSinceSeconds,
        String masterHost,
        int masterPort,
        boolean masterLinkUp,
        int replicaPriority,
        long replicaOffset,
        boolean replicaAnnounced) {

    enum Role { MASTER, SLAVE, UNKNOWN }

    /** A {@code slaveN:} line of a master: where that replica can be reached. */
    record ReplicaLine(String ip, int port) {
    }

    static final int DEFAULT_PRIORITY = 100;

    static InfoReply parse(String info) {
        String runId = null;
        Role role = Role.UNKNOWN;
        List<ReplicaLine> replicas = new ArrayList<>();
        long linkDownSince = 0;
        String masterHost = null;
        int masterPort = 0;
        boolean linkUp = false;
        int priority = DEFAULT_PRIORITY;
        long offset = 0;
        boolean announced = true;
        for (String raw : info.split("\n")) {
            String l = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (l.startsWith("run_id:") && l.length() >= 7 + RunId.LENGTH) {
                runId = l.substring(7, 7 + RunId.LENGTH);
            } else if (l.startsWith("slave") && l.length() > 6 && Character.isDigit(l.charAt(5))) {
                ReplicaLine r = parseReplicaLine(l);
                if (r != null) {
                    replicas.add(r);
                }
            } else if (l.startsWith("master_link_down_since_seconds:")) {
                linkDownSince = parseLong(value(l), 0);
            } else if (l.equals("role:master")) {
                role = Role.MASTER;
            } else if (l.equals("role:slave")) {
                role = Role.SLAVE;
            } else if (l.startsWith("master_host:")) {
                masterHost = value(l);
            } else if (l.startsWith("master_port:")) {
                masterPort = (int) parseLong(value(l), 0);
            } else if (l.startsWith("master_link_status:")) {
                linkUp = value(l).equalsIgnoreCase("up");
            } else if (l.startsWith("slave_priority:")) {
                priority = (int) parseLong(value(l), DEFAULT_PRIORITY);
            } else if (l.startsWith("slave_repl_offset:")) {
                offset = parseLong(value(l), 0);
            } else if (l.startsWith("replica_announced:")) {
                announced = !value(l).equals("0");
            }
        }
        return new InfoReply(runId, role, replicas, linkDownSince, masterHost, masterPort, linkUp, priority,
                offset, announced);
    }

    /** {@code slave0:ip=127.0.0.1,port=6380,state=online,...}, or the old {@code slave0:<ip>,<port>,<state>}. */
    private static ReplicaLine parseReplicaLine(String l) {
        int colon = l.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String body = l.substring(colon + 1);
        String ip = null;
        String port = null;
        if (body.contains("ip=")) {
            for (String kv : body.split(",")) {
                if (kv.startsWith("ip=")) {
                    ip = kv.substring(3);
                } else if (kv.startsWith("port=")) {
                    port = kv.substring(5);
                }
            }
        } else {
            String[] parts = body.split(",");
            if (parts.length >= 2) {
                ip = parts[0];
                port = parts[1];
            }
        }
        if (ip == null || port == null) {
            return null;
        }
        try {
            int p = Integer.parseInt(port);
            return p > 0 && p <= 65535 ? new ReplicaLine(ip, p) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).trim();
    }

    private static long parseLong(String s, long fallback) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
