package io.rediha.node.sentinel;

import java.util.function.BiConsumer;

/**
 * Sentinel events: logged, published on the channel named after the event (what clients
 * subscribe to), and for warning-level events of a master with a notification-script, handed to
 * that script. The message formats are Redis Sentinel's, since clients parse them: an instance
 * prefix {@code <type> <name> <ip> <port>}, followed for replicas and sentinels by
 * {@code @ <master name> <master ip> <master port>}.
 */
final class SentinelEvents {
    private final SentinelLog log;
    private final BiConsumer<String, String> publisher;
    private final ScriptRunner scripts;
    private final boolean[] announceHostnames;

    /**
     * @param announceHostnames one-element holder for the live setting (SENTINEL CONFIG SET may change it)
     */
    SentinelEvents(SentinelLog log, BiConsumer<String, String> publisher, ScriptRunner scripts,
                   boolean[] announceHostnames) {
        this.log = log;
        this.publisher = publisher;
        this.scripts = scripts;
        this.announceHostnames = announceHostnames;
    }

    /** The {@code %@} prefix of an event about {@code ri}. */
    String prefix(Instance ri) {
        boolean hn = announceHostnames[0];
        String own = ri.typeName() + " " + ri.name() + " " + ri.address.announced(hn) + " " + ri.address.port();
        if (ri instanceof MonitoredMaster) {
            return own;
        }
        MonitoredMaster m = ri.master();
        return own + " @ " + m.name() + " " + m.address.announced(hn) + " " + m.address.port();
    }

    /** An event about an instance: message = prefix, then {@code suffix} if not empty. */
    void emit(SentinelLog.Level level, String type, Instance ri, String suffix) {
        String message = suffix == null || suffix.isEmpty() ? prefix(ri) : prefix(ri) + " " + suffix;
        publishAndLog(level, type, message);
        if (level == SentinelLog.Level.WARNING) {
            MonitoredMaster m = ri.master();
            if (m != null && m.notificationScript != null) {
                scripts.schedule(m.notificationScript, type, message);
            }
        }
    }

    /** An event with a free-form message (no instance prefix): +new-epoch, +switch-master, +tilt, ... */
    void emitRaw(SentinelLog.Level level, String type, MonitoredMaster forScript, String message) {
        publishAndLog(level, type, message);
        if (level == SentinelLog.Level.WARNING && forScript != null && forScript.notificationScript != null) {
            scripts.schedule(forScript.notificationScript, type, message);
        }
    }

    private void publishAndLog(SentinelLog.Level level, String type, String message) {
        log.log(level, type + " " + message);
        if (level != SentinelLog.Level.DEBUG) {
            publisher.accept(type, message);
        }
    }
}
