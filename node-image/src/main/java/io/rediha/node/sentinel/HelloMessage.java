package io.rediha.node.sentinel;

import java.util.List;

/**
 * The message sentinels publish on {@code __sentinel__:hello} every two seconds, to every monitored
 * instance and to every peer sentinel: who the sender is and which master it believes in, with
 * that belief's config epoch. Its eight comma-separated fields are Redis Sentinel's, in its
 * order, so our sentinels and redis-sentinel processes discover and update each other.
 */
record HelloMessage(String sentinelIp, int sentinelPort, String sentinelRunId, long currentEpoch,
                    String masterName, String masterIp, int masterPort, long masterConfigEpoch) {

    static final String CHANNEL = "__sentinel__:hello";

    String format() {
        return String.join(",", List.of(sentinelIp, Integer.toString(sentinelPort), sentinelRunId,
                Long.toString(currentEpoch), masterName, masterIp, Integer.toString(masterPort),
                Long.toString(masterConfigEpoch)));
    }

    /** The message, or null when it does not have exactly eight well-formed fields. */
    static HelloMessage parse(String text) {
        String[] f = text.split(",", -1);
        if (f.length != 8) {
            return null;
        }
        try {
            return new HelloMessage(f[0], Integer.parseInt(f[1]), f[2], Long.parseLong(f[3]), f[4], f[5],
                    Integer.parseInt(f[6]), Long.parseLong(f[7]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
