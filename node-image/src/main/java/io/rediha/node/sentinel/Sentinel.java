package io.rediha.node.sentinel;

import io.netty.channel.EventLoop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * One Sentinel: the masters it monitors, with their replicas and peer sentinels, and the timer
 * that drives everything.
 *
 * <p><b>One thread.</b> All state lives on a single Netty event loop, the command thread of the
 * server the sentinel answers on: the timer, the replies and messages of every outgoing link, and
 * the commands of clients (SENTINEL, PUBLISH, ...) all run there, so nothing is locked.
 *
 * <p><b>The timer</b> runs every 25 to 50 ms (randomised so sentinels started together do not act
 * in lockstep) and handles each instance in two halves, as Redis does: the monitoring half
 * (reconnect links, send PING/INFO/hello) always, and the acting half (SDOWN, ODOWN, failover)
 * only outside TILT. Steps that wait for a reply are also advanced straight from the reply, so a
 * failover does not wait for timer ticks.
 */
final class Sentinel {
    final SentinelConfig config;
    final Path configFile;
    final SentinelClock clock;
    final Random random;
    final SentinelLog log;
    final SentinelTiming timing = new SentinelTiming();
    final TiltDetector tilt = new TiltDetector();
    final Epochs epochs;
    final String myId;
    final Map<String, MonitoredMaster> masters = new LinkedHashMap<>();
    final ScriptRunner scripts;
    final SentinelEvents events;
    final boolean[] announceHostnames = new boolean[1];

    final LinkManager links;
    final PeriodicCommands periodic;
    final InfoHandler info;
    final HelloHandler hello;
    final Availability availability;
    final Agreement agreement;
    final FailoverStateMachine failover;

    final EventLoop loop;
    /** Port announced to peers when announce-port is not set: the port we listen on. */
    volatile int listeningPort;
    int simulateFailureFlags;
    static final int SIMFAILURE_CRASH_AFTER_ELECTION = 1;
    static final int SIMFAILURE_CRASH_AFTER_PROMOTION = 2;
    private volatile boolean stopped;

    /**
     * @param loop      the thread everything runs on; outgoing links are registered on it too
     * @param publisher delivers an event (channel, message) to subscribed clients
     */
    Sentinel(SentinelConfig config, Path configFile, SentinelLog log, SentinelClock clock, Random random,
             EventLoop loop, BiConsumer<String, String> publisher) {
        this.config = config;
        this.configFile = configFile;
        this.log = log;
        this.clock = clock;
        this.random = random;
        this.loop = loop;
        if (config.myid == null) {
            config.myid = RunId.random();
        }
        this.myId = config.myid;
        this.epochs = new Epochs(config.currentEpoch);
        this.announceHostnames[0] = config.announceHostnames;
        this.listeningPort = config.port;
        this.scripts = new ScriptRunner(clock, timing);
        this.events = new SentinelEvents(log, publisher, scripts, announceHostnames);
        scripts.onErrors((type, message) -> events.emitRaw(SentinelLog.Level.WARNING, type, null, message));
        this.links = new LinkManager(this, loop);
        this.periodic = new PeriodicCommands(this);
        this.info = new InfoHandler(this);
        this.hello = new HelloHandler(this);
        this.availability = new Availability(this);
        this.agreement = new Agreement(this);
        this.failover = new FailoverStateMachine(this);
    }

    /** Creates the masters of the config, saves the config (new myid) and starts the timer. */
    void start() throws Exception {
        call(() -> {
            for (MasterSettings s : config.masters.values()) {
                MonitoredMaster m = createMaster(s);
                events.emit(SentinelLog.Level.WARNING, "+monitor", m, "quorum " + m.quorum);
            }
            flushConfigOrThrow();
            log.warning("Sentinel ID is " + myId);
            warmUp();
            scheduleTick();
            return null;
        });
    }

    /** Stops the timer and closes every link (the event loop belongs to the server). */
    void stop() {
        stopped = true;
        try {
            call(() -> {
                for (MonitoredMaster m : masters.values()) {
                    releaseAll(m, true);
                    links.release(m);
                }
                scripts.killAll();
                return null;
            });
        } catch (Exception ignored) {
            // shutting down anyway
        }
    }

    /** Runs {@code task} on the sentinel thread and waits for its result (at most 10 s). */
    <T> T call(Callable<T> task) throws Exception {
        if (loop.inEventLoop()) {
            return task.call();
        }
        Future<T> f = loop.submit(task);
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (TimeoutException e) {
            f.cancel(false);
            throw e;
        }
    }

    // ---------------------------------------------------------------- timer

    private void scheduleTick() {
        if (stopped) {
            return;
        }
        loop.schedule(this::tick, 25 + random.nextInt(26), TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            long now = clock.now();
            switch (tilt.check(now, clock.wallMillis())) {
                case ENTERED -> events.emitRaw(SentinelLog.Level.WARNING, "+tilt", null, "#tilt mode entered");
                case EXITED -> events.emitRaw(SentinelLog.Level.WARNING, "-tilt", null, "#tilt mode exited");
                default -> { }
            }
            for (MonitoredMaster m : new ArrayList<>(masters.values())) {
                if (m.released) {
                    continue;
                }
                handleInstance(m);
                for (MonitoredReplica r : m.replicaList()) {
                    handleInstance(r);
                }
                for (PeerSentinel s : new ArrayList<>(m.sentinels.values())) {
                    handleInstance(s);
                }
                if (m.failoverState == FailoverState.UPDATE_CONFIG) {
                    switchToPromoted(m);
                }
                forgetStaleReplicas(m);
            }
            scripts.run();
        } catch (RuntimeException e) {
            log.warning("Sentinel timer error: " + e);
        } finally {
            scheduleTick();
        }
    }

    private void handleInstance(Instance ri) {
        if (ri.released) {
            return;
        }
        // Monitoring half: always, even in TILT.
        links.reconnect(ri);
        periodic.send(ri);
        // Acting half.
        if (tilt.inTilt()) {
            return;
        }
        availability.checkSubjectivelyDown(ri);
        if (ri instanceof MonitoredMaster m) {
            availability.checkObjectivelyDown(m);
            if (agreement.startFailoverIfNeeded(m)) {
                agreement.askOtherSentinels(m, true);
            }
            failover.step(m);
            agreement.askOtherSentinels(m, false);
        }
    }

    // ---------------------------------------------------------------- instances

    MonitoredMaster createMaster(MasterSettings s) {
        InstanceAddress addr = InstanceAddress.of(s.host, s.port, config.resolveHostnames);
        long now = clock.now();
        MonitoredMaster m = new MonitoredMaster(s.name, addr, s.quorum, now);
        m.downAfterMs = s.downAfterMs;
        m.failoverTimeoutMs = s.failoverTimeoutMs;
        m.parallelSyncs = s.parallelSyncs;
        m.authPass = s.authPass;
        m.authUser = s.authUser;
        m.notificationScript = s.notificationScript;
        m.clientReconfigScript = s.clientReconfigScript;
        m.rebootDownAfterPeriodMs = s.masterRebootDownAfterPeriodMs;
        m.renamedCommands.putAll(s.renamedCommands);
        m.configEpoch = s.configEpoch;
        m.vote.epoch = s.leaderEpoch;
        m.vote.leader = s.leader;
        m.epochAtConfigChange = epochs.current();
        m.link = new InstanceLink(true, now);
        masters.put(m.name(), m);
        for (MasterSettings.HostPort r : s.knownReplicas) {
            try {
                addReplica(m, InstanceAddress.of(r.host(), r.port(), config.resolveHostnames), false);
            } catch (IllegalArgumentException e) {
                log.warning("Ignoring known-replica " + r.host() + ":" + r.port() + " of " + m.name() + ": " + e.getMessage());
            }
        }
        for (MasterSettings.KnownSentinel k : s.knownSentinels) {
            if (k.runid().equals(myId)) {
                continue;
            }
            try {
                addSentinel(m, InstanceAddress.of(k.host(), k.port(), config.resolveHostnames), k.runid());
            } catch (IllegalArgumentException e) {
                log.warning("Ignoring known-sentinel " + k.host() + ":" + k.port() + " of " + m.name() + ": " + e.getMessage());
            }
        }
        return m;
    }

    MonitoredReplica addReplica(MonitoredMaster m, InstanceAddress addr, boolean announce) {
        MonitoredReplica r = new MonitoredReplica(m, addr, clock.now());
        r.link = new InstanceLink(true, clock.now());
        r.lastListedByMaster = clock.now();
        m.replicas.put(r.key(), r);
        if (announce) {
            events.emit(SentinelLog.Level.NOTICE, "+slave", r, "");
        }
        return r;
    }

    PeerSentinel addSentinel(MonitoredMaster m, InstanceAddress addr, String runId) {
        PeerSentinel s = new PeerSentinel(m, addr, runId, clock.now());
        s.link = new InstanceLink(false, clock.now());
        m.sentinels.put(runId, s);
        links.tryConnectionSharing(s);
        return s;
    }

    void releaseInstance(Instance ri) {
        ri.released = true;
        links.release(ri);
    }

    private void releaseAll(MonitoredMaster m, boolean sentinelsToo) {
        for (MonitoredReplica r : m.replicas.values()) {
            releaseInstance(r);
        }
        m.replicas.clear();
        if (sentinelsToo) {
            for (PeerSentinel s : m.sentinels.values()) {
                releaseInstance(s);
            }
            m.sentinels.clear();
        }
    }

    /**
     * Forgets what was learned about {@code m} (replicas, optionally peers, failover state, flags),
     * keeping its settings, epochs and vote. SENTINEL RESET uses it, and so does an address switch.
     */
    void resetMaster(MonitoredMaster m, boolean keepSentinels) {
        releaseAll(m, !keepSentinels);
        links.release(m);
        long now = clock.now();
        m.link = new InstanceLink(true, now);
        m.released = false;
        m.flags.retainAll(java.util.EnumSet.of(InstanceFlag.MASTER));
        m.vote.leader = null;
        m.failoverState = FailoverState.NONE;
        m.failoverStateChangeTime = 0;
        m.failoverStartTime = 0;
        m.nextAttemptNotBefore = 0;
        m.holdingBackFor = null;
        m.promoted = null;
        m.runId = null;
        m.sDownSince = 0;
        m.oDownSince = 0;
        m.rebootSince = 0;
        m.roleReported = InfoReply.Role.MASTER;
        m.roleReportedTime = now;
        m.cachedInfo = null;
        m.infoRefresh = 0;
        m.infoPending = false;
        m.lastHelloSent = 0;
        for (PeerSentinel s : m.sentinels.values()) {
            s.flags.remove(InstanceFlag.MASTER_DOWN);
            s.leader = null;
        }
    }

    /**
     * Points {@code m} at a new address: the replicas it had (other than the new master) stay as
     * replicas, and the old master becomes one, flagged so it is converted as soon as it answers.
     * The caller saves the config.
     */
    void resetMasterAndChangeAddress(MonitoredMaster m, InstanceAddress newAddr) {
        List<InstanceAddress> replicaAddrs = new ArrayList<>();
        for (MonitoredReplica r : m.replicas.values()) {
            if (!r.address.sameAs(newAddr)) {
                replicaAddrs.add(r.address);
            }
        }
        InstanceAddress old = m.address;
        boolean oldBecomesReplica = !old.sameAs(newAddr);
        resetMaster(m, true);
        m.address = newAddr;
        m.epochAtConfigChange = epochs.current();
        for (InstanceAddress a : replicaAddrs) {
            addReplica(m, a, true);
        }
        if (oldBecomesReplica && m.findReplica(old) == null) {
            MonitoredReplica demoted = addReplica(m, old, true);
            demoted.flags.add(InstanceFlag.DEMOTED_MASTER);
        } else if (oldBecomesReplica) {
            m.findReplica(old).flags.add(InstanceFlag.DEMOTED_MASTER);
        }
    }

    /** End of a failover we led: announce the switch and adopt the promoted replica as master. */
    void switchToPromoted(MonitoredMaster m) {
        MonitoredReplica p = m.promoted;
        InstanceAddress old = m.address;
        boolean hn = announceHostnames[0];
        events.emitRaw(SentinelLog.Level.WARNING, "+switch-master", m, m.name() + " " + old.announced(hn) + " "
                + old.port() + " " + p.address.announced(hn) + " " + p.address.port());
        resetMasterAndChangeAddress(m, p.address);
        flushConfig();
    }

    /**
     * Drops a replica entry that is down and no longer listed by its master: a replica that came
     * back with a new address is a new entry, and the old one would otherwise stay forever. A
     * replica that returns at its old address is found again in the master's INFO. The old master
     * is kept: it must be converted when it returns.
     */
    private void forgetStaleReplicas(MonitoredMaster m) {
        if (m.failoverInProgress() || tilt.inTilt() || !m.looksSane(clock.now(), timing.infoPeriod)) {
            return;
        }
        long now = clock.now();
        long grace = Math.max(3 * m.downAfterMs, 2 * timing.infoPeriod + 5_000);
        boolean changed = false;
        for (MonitoredReplica r : m.replicaList()) {
            if (r.is(InstanceFlag.S_DOWN) && !r.is(InstanceFlag.DEMOTED_MASTER)
                    && now - r.sDownSince > grace && now - r.lastListedByMaster > grace
                    && m.infoRefresh > r.sDownSince) {
                log.notice("Forgetting replica " + r.name() + " of " + m.name()
                        + ": down and not listed by its master for " + (now - r.lastListedByMaster) + " ms");
                m.replicas.remove(r.key());
                releaseInstance(r);
                changed = true;
            }
        }
        if (changed) {
            flushConfig();
        }
    }

    // ---------------------------------------------------------------- config

    /** Rewrites sentinel.conf with the current state; failures are logged (Redis does the same). */
    void flushConfig() {
        try {
            flushConfigOrThrow();
        } catch (IOException e) {
            log.warning("WARNING: Sentinel was not able to save the new configuration on disk!!!: " + e.getMessage());
        }
    }

    void flushConfigOrThrow() throws IOException {
        config.currentEpoch = epochs.current();
        config.masters.clear();
        for (MonitoredMaster m : masters.values()) {
            config.masters.put(m.name(), snapshot(m));
        }
        ConfigRewriter.rewrite(configFile, config.sentinelLines());
    }

    private MasterSettings snapshot(MonitoredMaster m) {
        boolean hn = announceHostnames[0];
        InstanceAddress current = m.currentAddress();
        MasterSettings s = new MasterSettings(m.name(), current.announced(hn), current.port(), m.quorum);
        s.downAfterMs = m.downAfterMs;
        s.failoverTimeoutMs = m.failoverTimeoutMs;
        s.parallelSyncs = m.parallelSyncs;
        s.authPass = m.authPass;
        s.authUser = m.authUser;
        s.notificationScript = m.notificationScript;
        s.clientReconfigScript = m.clientReconfigScript;
        s.masterRebootDownAfterPeriodMs = m.rebootDownAfterPeriodMs;
        s.renamedCommands.putAll(m.renamedCommands);
        s.configEpoch = m.configEpoch;
        s.leaderEpoch = m.vote.epoch;
        s.leader = m.vote.leader;
        for (MonitoredReplica r : m.replicas.values()) {
            if (!r.address.sameAs(current)) {
                s.knownReplicas.add(new MasterSettings.HostPort(r.address.announced(hn), r.address.port()));
            }
        }
        if (current != m.address) {
            // Past promotion the old master is remembered as a replica.
            s.knownReplicas.add(new MasterSettings.HostPort(m.address.announced(hn), m.address.port()));
        }
        for (PeerSentinel p : m.sentinels.values()) {
            if (p.runId != null && p.address.port() != 0) {
                s.knownSentinels.add(new MasterSettings.KnownSentinel(p.address.announced(hn), p.address.port(), p.runId));
            }
        }
        return s;
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Runs the decision code of a failover on a detached, made-up master a few thousand times.
     * A failover runs code that nothing else runs; on a cold JVM its first run is interpreted
     * and loads classes, which cost tens of milliseconds exactly when they matter most.
     */
    private void warmUp() {
        long now = clock.now();
        MonitoredMaster m = new MonitoredMaster("warm-up", InstanceAddress.of("127.0.0.1", 1, false), 2, now);
        m.link = new InstanceLink(true, now);
        for (int port = 2; port <= 3; port++) {
            MonitoredReplica r = new MonitoredReplica(m, InstanceAddress.of("127.0.0.1", port, false), now);
            r.link = new InstanceLink(true, now);
            r.infoRefresh = now;
            m.replicas.put(r.key(), r);
        }
        String info = "# Server\r\nrun_id:" + myId + "\r\n# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1\r\n"
                + "master_port:1\r\nmaster_link_status:up\r\nslave_repl_offset:10\r\nslave_priority:100\r\n"
                + "slave0:ip=127.0.0.1,port=2,state=online,offset=1,lag=0\r\n";
        List<LeaderElection.PeerVote> votes = List.of(new LeaderElection.PeerVote(myId, 1), new LeaderElection.PeerVote(null, 0));
        for (int i = 0; i < 3000; i++) {
            InfoReply.parse(info);
            HelloMessage.parse(new HelloMessage("127.0.0.1", 1, myId, 1, "warm-up", "127.0.0.1", 1, 1).format());
            LeaderElection.count(votes, 1, myId, 2, proposal -> proposal, 0);
            ReplicaSelector.select(m, now, timing);
            if (i % 100 == 0) {
                InstanceRecords.of(this, m);
                events.prefix(m.replicas.values().iterator().next());
            }
        }
    }

    /** The port we put in hello messages. */
    int announcedPort() {
        return config.announcePort != 0 ? config.announcePort : listeningPort;
    }

    void simulateFailureCrash() {
        log.warning("Sentinel CRASH because of SENTINEL simulate-failure");
        Runtime.getRuntime().halt(99);
    }

    boolean isStopped() {
        return stopped;
    }
}
