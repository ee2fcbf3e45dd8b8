package io.rediha.node.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.rediha.node.command.CommandTable;
import io.rediha.node.config.ConfigDirective;
import io.rediha.node.config.ConfigRegistry;
import io.rediha.node.resp.RespCommandDecoder;
import io.rediha.node.store.Keyspace;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Redis-compatible server: listening sockets, the command thread, and the state every command
 * shares (keyspace, clients, pub/sub, statistics). Built from a {@link ConfigRegistry} and a
 * {@link CommandTable}, so tests and Sentinel can run one in-process with a table of their own.
 *
 * <p>Threading: one Netty event loop does all network I/O <em>and</em> runs every command, in
 * arrival order, like Redis's main thread. Nothing here is locked; other subsystems that need to
 * touch server state run a task on {@link #executor()}. Replies are written once per loop round
 * ({@link #flushPendingWrites}); hooks registered with {@link #addBeforeFlushHook} run right before,
 * which is where an AOF with {@code appendfsync always} writes and syncs, so no reply leaves before
 * its write is on disk.
 *
 * <p>Extension points, for the other packages:
 * <ul>
 *   <li>{@link #propagation()}: subscribe to the effects of writes (AOF, replication);</li>
 *   <li>{@link #info()}: add or replace INFO sections;</li>
 *   <li>{@link #addCommandGuard}: refuse commands (READONLY, NOREPLICAS, MASTERDOWN);</li>
 *   <li>{@link #keyspace()}: the store, its listeners and expiry policy;</li>
 *   <li>{@link #createPseudoClient()}: run commands with no connection (master stream, AOF load);</li>
 *   <li>{@link #executor()}: the command thread, for timers and cron tasks;</li>
 *   <li>{@link #roleSupplier}: what ROLE/INFO/HELLO say about the role (replication sets it).</li>
 * </ul>
 */
public final class RedisServer implements AutoCloseable {
    static {
        // Netty leaves sun.misc.Unsafe off on Java 25+ unless told otherwise, and every buffer access
        // then goes through bounds-checked ByteBuffers: a large cost on the request path. Use it
        // unless the operator decided (-Dio.netty.noUnsafe=...). On Java 24+ the JVM prints a
        // warning for it unless started with --sun-misc-unsafe-memory-access=allow.
        if (System.getProperty("io.netty.noUnsafe") == null && Runtime.version().feature() >= 25) {
            System.setProperty("io.netty.noUnsafe", "false");
        }
    }

    /** The version we answer to clients; our features follow Redis 7.0. */
    public static final String REDIS_VERSION = "7.0.15";

    private final ConfigRegistry config;
    private final CommandTable commands;
    private final Keyspace keyspace;
    private final Stats stats = new Stats();
    private final Limits limits = new Limits();
    private final Propagation propagation = new Propagation();
    private final InfoRegistry info = new InfoRegistry();
    private final ServerLog log = new ServerLog();
    private final Dispatcher dispatcher;
    private final io.rediha.node.acl.AccessControl acl;
    private final ClientRegistry clients;
    private final PubSub pubsub;
    private final WatchManager watches;
    private final Tracking tracking;
    private final SlowLog slowLog;
    private final ClientPause clientPause = new ClientPause(this);
    private final BlockingKeys blocking = new BlockingKeys(this);
    private final List<CommandGuard> guards = new CopyOnWriteArrayList<>();
    private final List<Runnable> beforeFlushHooks = new CopyOnWriteArrayList<>();
    private final List<Runnable> cronHooks = new CopyOnWriteArrayList<>();
    private final List<Client> pendingWrites = new ArrayList<>();
    private final String runId;
    private final long startMillis = System.currentTimeMillis();
    private EventLoopGroup group;
    private EventLoop loop;
    private final List<Channel> listeners = new ArrayList<>();
    private ScheduledFuture<?> cron;
    private boolean flushScheduled;
    private final Runnable flushTask = this::flushPendingWrites;
    private volatile String role = "master";
    private volatile java.util.function.Supplier<String> roleSupplier = () -> "master";
    private volatile boolean shuttingDown;
    private volatile Runnable shutdownAction = () -> { };
    /** Dataset changes since the last save; persistence reads and resets it. */
    public long dirty;
    private int boundPort;
    final Evictor evictor;
    final ExpiryCycle expiryCycle;

    public RedisServer(ConfigRegistry config, CommandTable commands) {
        this.config = config;
        this.commands = commands;
        this.keyspace = new Keyspace(config.getInt("databases"));
        byte[] id = new byte[20];
        new SecureRandom().nextBytes(id);
        this.runId = HexFormat.of().formatHex(id);
        this.dispatcher = new Dispatcher(this);
        this.acl = new io.rediha.node.acl.AccessControl(this, config, commands);
        this.clients = new ClientRegistry(this);
        this.pubsub = new PubSub(this);
        this.watches = new WatchManager(this);
        this.tracking = new Tracking(this);
        this.slowLog = new SlowLog();
        this.evictor = new Evictor(this);
        this.expiryCycle = new ExpiryCycle(this);
        keyspace.addListener(watches);
        keyspace.addListener(tracking);
        keyspace.addListener(blocking);
        keyspace.addListener(new ExpiryEffects(this));
        for (String[] r : config.renamedCommands()) {
            commands.rename(r[0], r[1]);
        }
        followConfig();
        acl.loadAtStartup();
        StandardInfoSections.registerAll(this);
    }

    private void followConfig() {
        bindLong("proto-max-bulk-len", v -> limits.protoMaxBulkLen = v);
        bindLong("client-query-buffer-limit", v -> limits.queryBufferLimit = v);
        bindLong("maxclients", v -> limits.maxClients = v);
        bindLong("timeout", v -> limits.timeoutSeconds = v);
        bindLong("slowlog-log-slower-than", v -> limits.slowlogSlowerThanMicros = v);
        bindLong("maxmemory", v -> limits.maxmemory = v);
        config.onChange("client-output-buffer-limit", d -> applyOutputLimits(d.value()));
        applyOutputLimits(config.getString("client-output-buffer-limit"));
        config.onChange("loglevel", d -> log.setLevel(d.value()));
        log.setLevel(config.getString("loglevel"));
        config.onChange("slowlog-max-len", d -> slowLog.setMaxLen(d.number()));
        slowLog.setMaxLen(config.getLong("slowlog-max-len"));
        try {
            log.setFile(config.getString("logfile"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Can't open the log file: " + e.getMessage(), e);
        }
        bindLong("hash-max-listpack-entries", v -> io.rediha.node.store.EncodingLimits.hashMaxListpackEntries = v);
        bindLong("hash-max-listpack-value", v -> io.rediha.node.store.EncodingLimits.hashMaxListpackValue = v);
        bindLong("set-max-intset-entries", v -> io.rediha.node.store.EncodingLimits.setMaxIntsetEntries = v);
        bindLong("zset-max-listpack-entries", v -> io.rediha.node.store.EncodingLimits.zsetMaxListpackEntries = v);
        bindLong("zset-max-listpack-value", v -> io.rediha.node.store.EncodingLimits.zsetMaxListpackValue = v);
        bindLong("stream-node-max-bytes", v -> io.rediha.node.store.EncodingLimits.streamNodeMaxBytes = v);
        bindLong("stream-node-max-entries", v -> io.rediha.node.store.EncodingLimits.streamNodeMaxEntries = v);
        bindLong("lfu-log-factor", v -> io.rediha.node.store.AccessTracking.lfuLogFactor = v);
        bindLong("lfu-decay-time", v -> io.rediha.node.store.AccessTracking.lfuDecayTime = v);
        config.onChange("maxmemory-policy", d -> io.rediha.node.store.AccessTracking.lfu = d.value().endsWith("-lfu"));
        io.rediha.node.store.AccessTracking.lfu = config.getString("maxmemory-policy").endsWith("-lfu");
        config.onChange("notify-keyspace-events", d -> pubsub.setKeyspaceEvents(d.value()));
        pubsub.setKeyspaceEvents(config.getString("notify-keyspace-events"));
    }

    private void bindLong(String name, java.util.function.LongConsumer target) {
        ConfigDirective d = config.require(name);
        target.accept(d.number());
        config.onChange(name, x -> target.accept(x.number()));
    }

    private void applyOutputLimits(String v) {
        String[] w = v.trim().split("\\s+");
        for (int i = 0; i + 3 < w.length; i += 4) {
            long[] l = {Long.parseLong(w[i + 1]), Long.parseLong(w[i + 2]), Long.parseLong(w[i + 3])};
            switch (w[i]) {
                case "normal" -> limits.normalOutput = l;
                case "slave" -> limits.replicaOutput = l;
                case "pubsub" -> limits.pubsubOutput = l;
                default -> {
                }
            }
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Binds the configured addresses and port and starts the command thread. With {@code port 0}
     * no TCP port is opened (as in Redis); tests pass a free port instead.
     */
    public synchronized void start() throws InterruptedException {
        if (config.getBool("cluster-enabled")) {
            throw new IllegalStateException("cluster-enabled yes is not supported by this server");
        }
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("rediha-main", false),
                NioIoHandler.newFactory());
        loop = group.next();
        int port = config.getInt("port");
        if (port != 0) {
            ServerBootstrap b = new ServerBootstrap()
                    .group(group, group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, config.getInt("tcp-backlog"))
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, config.getLong("tcp-keepalive") > 0)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            Client c = clients.create(ch);
                            ch.pipeline().addLast("resp", new RespCommandDecoder(c));
                            ch.pipeline().addLast("client", new ClientHandler(RedisServer.this, c));
                        }
                    });
            List<String> failed = new ArrayList<>();
            for (String addr : config.getString("bind").split(" ")) {
                boolean optional = addr.startsWith("-");
                String host = optional ? addr.substring(1) : addr;
                if (host.equals("*")) {
                    host = "0.0.0.0";
                } else if (host.equals("::*")) {
                    host = "::";
                }
                try {
                    Channel ch = b.bind(new InetSocketAddress(host, port)).sync().channel();
                    listeners.add(ch);
                    boundPort = ((InetSocketAddress) ch.localAddress()).getPort();
                } catch (Exception e) {
                    if (!optional && !(host.equals("::") && !listeners.isEmpty())) {
                        failed.add(host + ":" + port + ": " + e.getMessage());
                    }
                }
            }
            if (listeners.isEmpty() || !failed.isEmpty()) {
                for (Channel ch : listeners) {
                    ch.close();
                }
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                throw new IllegalStateException("Failed listening on port " + port + " (tcp), aborting: "
                        + String.join("; ", failed));
            }
        }
        int hz = Math.max(1, Math.min(500, config.getInt("hz")));
        cron = loop.scheduleAtFixedRate(this::cron, 1000 / hz, 1000 / hz, TimeUnit.MILLISECONDS);
        log.notice("Ready to accept connections tcp");
    }

    /** Closes every connection and listening socket and stops the command thread. */
    @Override
    public synchronized void close() {
        if (group == null) {
            return;
        }
        shuttingDown = true;
        if (cron != null) {
            cron.cancel(false);
        }
        for (Channel ch : listeners) {
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        listeners.clear();
        try {
            callOnCommandThread(() -> {
                clients.closeAll();
                return null;
            });
        } catch (Exception ignored) {
            // the loop is already down
        }
        // Bounded: a stop must end even if the loop cannot report its termination (seen once, with
        // the loop thread already gone); the process exits right after anyway.
        if (!group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS)) {
            log.warning("The command thread did not stop within 5 s; closing anyway");
        }
        group = null;
    }

    /** Same as {@link #close()}. */
    public void stop() {
        close();
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    /** What SHUTDOWN runs after replying nothing (ServerMain exits the process). */
    public void setShutdownAction(Runnable action) {
        this.shutdownAction = action;
    }

    Runnable shutdownAction() {
        return shutdownAction;
    }

    // ------------------------------------------------------------------ the command thread

    /** The command thread, as an executor and scheduler: tasks run between commands. */
    public EventLoop executor() {
        return loop;
    }

    /** Runs {@code task} on the command thread and waits for its result. */
    public <T> T callOnCommandThread(Callable<T> task) throws Exception {
        if (loop.inEventLoop()) {
            return task.call();
        }
        Future<T> f = loop.submit(task);
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /** Runs every cron hook at {@code hz} on the command thread (active expiry, timeouts, metrics). */
    public void addCronHook(Runnable hook) {
        cronHooks.add(hook);
    }

    private void cron() {
        try {
            long now = System.currentTimeMillis();
            io.rediha.node.store.Keyspace.updateLruClock(now);
            stats.sample(now);
            expiryCycle.run(now);
            clients.checkTimeouts(now);
            tracking.trimTable();
            if (config.getBool("activerehashing")) {
                rehashOneTable();
            }
            shutdown.checkProgress();
            for (Runnable r : cronHooks) {
                r.run();
            }
        } catch (RuntimeException e) {
            log.warning("cron task failed: " + e);
        }
    }

    /** activerehashing: a millisecond per cron tick for the first database that is resizing. */
    private void rehashOneTable() {
        for (int i = 0; i < keyspace.databases(); i++) {
            if (keyspace.db(i).rehashFor(1_000_000)) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------ output

    void markPendingWrite(Client c) {
        pendingWrites.add(c);
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(flushTask);
        }
    }

    /** Runs before replies are written: AOF write and fsync with appendfsync always. */
    public void addBeforeFlushHook(Runnable hook) {
        beforeFlushHooks.add(hook);
    }

    /** Writes every client's pending replies, once per loop round. */
    void flushPendingWrites() {
        flushScheduled = false;
        for (Runnable hook : beforeFlushHooks) {
            hook.run();
        }
        for (int i = 0; i < pendingWrites.size(); i++) {
            Client c = pendingWrites.get(i);
            Channel ch = c.channel();
            ByteBuf b = c.takeOutput();
            if (ch == null || c.isClosed()) {
                if (b != null) {
                    b.release();
                }
                continue;
            }
            if (b != null) {
                stats.netOutputBytes += b.readableBytes();
                ch.write(b, ch.voidPromise());
            }
            if (c.shouldCloseAfterReply()) {
                ch.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                continue;
            }
            ch.flush();
            clients.checkOutputLimits(c);
        }
        pendingWrites.clear();
    }

    // ------------------------------------------------------------------ accessors

    public ConfigRegistry config() {
        return config;
    }

    public CommandTable commands() {
        return commands;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public Stats stats() {
        return stats;
    }

    public Limits limits() {
        return limits;
    }

    public Propagation propagation() {
        return propagation;
    }

    public InfoRegistry info() {
        return info;
    }

    public ServerLog log() {
        return log;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public ClientRegistry clients() {
        return clients;
    }

    public PubSub pubsub() {
        return pubsub;
    }

    /** Client-side caching: CLIENT TRACKING state and invalidations. */
    public Tracking tracking() {
        return tracking;
    }

    public WatchManager watches() {
        return watches;
    }

    /** CONFIG RESETSTAT: statistics, command statistics, slow log. */
    public void resetStats() {
        stats.reset();
        slowLog.reset();
        for (io.rediha.node.command.CommandSpec c : commands.all()) {
            resetCommandStats(c);
        }
    }

    private static void resetCommandStats(io.rediha.node.command.CommandSpec c) {
        c.calls = 0;
        c.microseconds = 0;
        c.rejectedCalls = 0;
        c.failedCalls = 0;
        c.latency.reset();
        for (io.rediha.node.command.CommandSpec sub : c.subcommands().values()) {
            resetCommandStats(sub);
        }
    }

    /** Clients blocked on keys (BLPOP and friends). */
    public BlockingKeys blocking() {
        return blocking;
    }

    public ClientPause clientPause() {
        return clientPause;
    }

    public SlowLog slowLog() {
        return slowLog;
    }

    public String runId() {
        return runId;
    }

    public long startMillis() {
        return startMillis;
    }

    private long memoryPeak;

    /** The highest used memory seen so far (INFO used_memory_peak). */
    long memoryPeak(long current) {
        if (current > memoryPeak) {
            memoryPeak = current;
        }
        return memoryPeak;
    }

    /** The TCP port actually bound (0 when not listening). */
    public int port() {
        return boundPort;
    }

    /** Runs before the server exits on SHUTDOWN (persistence saves the dataset here). */
    @FunctionalInterface
    public interface ShutdownHook {
        /** Throws to refuse the shutdown (unless forced); the message is logged. */
        void beforeShutdown(boolean save, boolean nosave) throws Exception;
    }

    private final Shutdown shutdown = new Shutdown(this);

    public void addShutdownHook(ShutdownHook hook) {
        shutdown.addHook(hook);
    }

    /** The shutdown sequence: SHUTDOWN, signals, and the hooks replication and the image plug into it. */
    public Shutdown shutdownSequence() {
        return shutdown;
    }

    /**
     * SHUTDOWN from a client: waits for lagging replicas unless {@code NOW} (the client is then
     * blocked), runs the hooks, then stops the server and runs the shutdown action on another
     * thread. Returns the error reply when the shutdown failed, else null.
     */
    public String shutdown(java.util.EnumSet<Shutdown.Flag> flags, Client client) {
        return shutdown.requestFromClient(flags, client);
    }

    /** SHUTDOWN ABORT: the error reply, or null when a shutdown in progress was cancelled. */
    public String abortShutdown() {
        return shutdown.abort();
    }

    private final List<java.util.function.Consumer<Client>> closeListeners = new CopyOnWriteArrayList<>();

    /** Told when a client's connection is gone (replication drops a replica's state). */
    public void addClientCloseListener(java.util.function.Consumer<Client> listener) {
        closeListeners.add(listener);
    }

    void fireClientClosed(Client c) {
        for (java.util.function.Consumer<Client> l : closeListeners) {
            l.accept(c);
        }
    }

    /** Adds a check that runs before every command. */
    public void addCommandGuard(CommandGuard g) {
        guards.add(g);
    }

    /** The guards every command passes (scripts run them for the commands they call). */
    public List<CommandGuard> guards() {
        return guards;
    }

    /** True when used memory is above maxmemory even after eviction (scripts check it before writing). */
    public boolean outOfMemory() {
        return limits.maxmemory > 0 && evictor.outOfMemory();
    }

    /** True when the default user is off or has a password (requirepass): connections must AUTH. */
    public boolean requiresAuth() {
        return !acl.defaultUserOpen();
    }

    /** The ACL users and the permission checks. */
    public io.rediha.node.acl.AccessControl acl() {
        return acl;
    }

    /** "master" or "slave", as INFO's {@code role:} and HELLO show it. */
    public String role() {
        return roleSupplier.get();
    }

    /** Replication sets where the role comes from. */
    public void setRoleSupplier(java.util.function.Supplier<String> supplier) {
        this.roleSupplier = supplier;
        log.setRole(() -> supplier.get().equals("master") ? 'M' : 'S');
    }

    /**
     * A client with no connection: commands run through normal dispatch and replies are dropped.
     * Replication applies its master's stream with one ({@link Client#markMaster}); the AOF loader
     * replays with another. Use it on the command thread only.
     */
    public Client createPseudoClient() {
        return clients.createPseudo();
    }
}
