package io.rediha.node.sentinel;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The sentinel's timing constants, Redis's defaults, adjustable at run time with
 * {@code SENTINEL DEBUG <knob> <ms>} exactly as in Redis (tests use it to run fast).
 */
final class SentinelTiming {
    long infoPeriod = 10_000;
    long pingPeriod = 1_000;
    long askPeriod = 1_000;
    long publishPeriod = 2_000;
    long defaultDownAfter = MasterSettings.DEFAULT_DOWN_AFTER_MS;
    long defaultFailoverTimeout = MasterSettings.DEFAULT_FAILOVER_TIMEOUT_MS;
    long slaveReconfTimeout = 10_000;
    long minLinkReconnectPeriod = 15_000;
    long electionTimeout = 10_000;
    long scriptMaxRuntime = 60_000;
    long scriptRetryDelay = 30_000;

    /** Knob name (as SENTINEL DEBUG prints it) to value. */
    Map<String, Long> asMap(TiltDetector tilt) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("INFO-PERIOD", infoPeriod);
        m.put("PING-PERIOD", pingPeriod);
        m.put("ASK-PERIOD", askPeriod);
        m.put("PUBLISH-PERIOD", publishPeriod);
        m.put("DEFAULT-DOWN-AFTER", defaultDownAfter);
        m.put("DEFAULT-FAILOVER-TIMEOUT", defaultFailoverTimeout);
        m.put("TILT-TRIGGER", tilt.triggerMs);
        m.put("TILT-PERIOD", tilt.periodMs);
        m.put("SLAVE-RECONF-TIMEOUT", slaveReconfTimeout);
        m.put("MIN-LINK-RECONNECT-PERIOD", minLinkReconnectPeriod);
        m.put("ELECTION-TIMEOUT", electionTimeout);
        m.put("SCRIPT-MAX-RUNTIME", scriptMaxRuntime);
        m.put("SCRIPT-RETRY-DELAY", scriptRetryDelay);
        return m;
    }

    /** Sets one knob; false if the name is unknown. Values must be positive. */
    boolean set(String name, long value, TiltDetector tilt) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "info-period" -> infoPeriod = value;
            case "ping-period" -> pingPeriod = value;
            case "ask-period" -> askPeriod = value;
            case "publish-period" -> publishPeriod = value;
            case "default-down-after" -> defaultDownAfter = value;
            case "default-failover-timeout" -> defaultFailoverTimeout = value;
            case "tilt-trigger" -> tilt.triggerMs = value;
            case "tilt-period" -> tilt.periodMs = value;
            case "slave-reconf-timeout" -> slaveReconfTimeout = value;
            case "min-link-reconnect-period" -> minLinkReconnectPeriod = value;
            case "election-timeout" -> electionTimeout = value;
            case "script-max-runtime" -> scriptMaxRuntime = value;
            case "script-retry-delay" -> scriptRetryDelay = value;
            default -> {
                return false;
            }
        }
        return true;
    }
}
