package io.rediha.node.server;

import java.util.Map;
import java.util.TreeMap;

/**
 * Server counters shown by INFO stats and errorstats; reset by CONFIG RESETSTAT. Updated on the
 * command thread only.
 */
public final class Stats {
    public long totalConnectionsReceived;
    public long totalCommandsProcessed;
    public long rejectedConnections;
    public long expiredKeys;
    public long expiredStalePercMillis;
    public long expiredTimeCapReachedCount;
    public long evictedKeys;
    public long evictedClients;
    public long keyspaceHits;
    public long keyspaceMisses;
    public long pubsubChannelsPublished;
    public long totalErrorReplies;
    public long totalReadsProcessed;
    public long totalWritesProcessed;
    public long netInputBytes;
    public long netOutputBytes;
    public long unexpectedErrorReplies;
    public long dumpPayloadSanitizations;
    public long ioThreadedReads;
    public long totalForks;
    public long clientQueryBufferLimitDisconnections;
    public long clientOutputBufferLimitDisconnections;
    final Map<String, Long> errorCounts = new TreeMap<>();
    private final InstantaneousMetric opsPerSec = new InstantaneousMetric();
    private final InstantaneousMetric inputKbps = new InstantaneousMetric();
    private final InstantaneousMetric outputKbps = new InstantaneousMetric();

    /** Counts an error reply by its code (the first word), as INFO errorstats shows it. */
    void countError(String text) {
        totalErrorReplies++;
        int sp = text.indexOf(' ');
        String code = sp < 0 ? text : text.substring(0, sp);
        if (errorCounts.size() < 128 || errorCounts.containsKey(code)) {
            errorCounts.merge(code, 1L, Long::sum);
        }
    }

    public Map<String, Long> errorCounts() {
        return errorCounts;
    }

    void sample(long nowMillis) {
        opsPerSec.sample(nowMillis, totalCommandsProcessed);
        inputKbps.sample(nowMillis, netInputBytes);
        outputKbps.sample(nowMillis, netOutputBytes);
    }

    public long instantaneousOpsPerSec() {
        return (long) opsPerSec.perSecond();
    }

    public double instantaneousInputKbps() {
        return inputKbps.perSecond() / 1024;
    }

    public double instantaneousOutputKbps() {
        return outputKbps.perSecond() / 1024;
    }

    void reset() {
        totalConnectionsReceived = 0;
        totalCommandsProcessed = 0;
        rejectedConnections = 0;
        expiredKeys = 0;
        evictedKeys = 0;
        evictedClients = 0;
        keyspaceHits = 0;
        keyspaceMisses = 0;
        pubsubChannelsPublished = 0;
        totalErrorReplies = 0;
        netInputBytes = 0;
        netOutputBytes = 0;
        totalReadsProcessed = 0;
        totalWritesProcessed = 0;
        clientQueryBufferLimitDisconnections = 0;
        clientOutputBufferLimitDisconnections = 0;
        errorCounts.clear();
    }

    /** A rate over the last 16 samples, as Redis computes instantaneous_ops_per_sec. */
    private static final class InstantaneousMetric {
        private final double[] samples = new double[16];
        private int idx;
        private long lastTime;
        private long lastValue;

        void sample(long now, long value) {
            if (lastTime != 0 && now > lastTime) {
                samples[idx] = (value - lastValue) * 1000.0 / (now - lastTime);
                idx = (idx + 1) % samples.length;
            }
            lastTime = now;
            lastValue = value;
        }

        double perSecond() {
            double sum = 0;
            for (double s : samples) {
                sum += s;
            }
            return sum / samples.length;
        }
    }
}
