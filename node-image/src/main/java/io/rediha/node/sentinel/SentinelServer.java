package io.rediha.node.sentinel;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The sentinel's listening side: accepts clients (redis-cli, client libraries, peer sentinels)
 * and answers the commands a Redis Sentinel answers, from its own small command table.
 *
 * <p>Accepted connections are served on the sentinel's own event loop, so commands read and
 * change sentinel state directly, in arrival order, with no locking. Pub/sub is the sentinel's
 * event bus: events are published here to subscribed clients.
 */
final class SentinelServer {
    private final Sentinel sentinel;
    private final SentinelCommand commands;
    private final String requirepass;
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Channel> listeners = new ArrayList<>();
    private final Set<Connection> clients = new LinkedHashSet<>();
    private final String runId = RunId.random();
    private final long startedAt = System.currentTimeMillis();
    private long commandsProcessed;
    private long connectionsReceived;
    private long nextClientId = 1;
    private Runnable shutdownAction = () -> { };

    SentinelServer(Sentinel sentinel, String requirepass) {
        this.sentinel = sentinel;
        this.commands = new SentinelCommand(sentinel);
        this.requirepass = requirepass;
    }

    /** Binds every address of {@code bind} on {@code port} (0 = any free port); returns the port bound. */
    int start(List<String> bind, int port) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, sentinel.loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Connection c = new Connection(ch);
                        ch.pipeline().addLast(new CommandDecoder(), new Handler(c));
                    }
                });
        int bound = port;
        for (String addr : bind) {
            String host = addr.startsWith("-") ? addr.substring(1) : addr;
            try {
                Channel ch = b.bind(host, bound).sync().channel();
                listeners.add(ch);
                bound = ((InetSocketAddress) ch.localAddress()).getPort();
            } catch (Exception e) {
                if (!addr.startsWith("-")) {
                    throw new IllegalStateException("Could not create server TCP listening socket " + host + ":" + bound
                            + ": " + e.getMessage(), e);
                }
            }
        }
        return bound;
    }

    void onShutdown(Runnable action) {
        this.shutdownAction = action;
    }

    void stop() {
        for (Channel ch : listeners) {
            ch.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        sentinel.loop.execute(() -> clients.forEach(c -> c.channel.close()));
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Delivers an event to subscribers of its channel and of matching patterns. Sentinel thread. */
    void publish(String channel, String message) {
        for (Connection c : clients) {
            if (c.channels.contains(channel)) {
                c.write(message(c, List.of("message", channel, message)));
            }
            for (String p : c.patterns) {
                if (Glob.matches(p, channel)) {
                    c.write(message(c, List.of("pmessage", p, channel, message)));
                }
            }
        }
    }

    private static byte[] message(Connection c, List<String> parts) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.protocol == 3 ? '>' : '*').append(parts.size()).append("\r\n");
        for (String p : parts) {
            bulk(sb, p);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- per connection

    private final class Connection {
        final Channel channel;
        final long id = nextClientId++;
        final long createdAt = System.currentTimeMillis();
        boolean authenticated = requirepass == null;
        int protocol = 2;
        String name = "";
        String lastCommand = "NULL";
        final Set<String> channels = new LinkedHashSet<>();
        final Set<String> patterns = new LinkedHashSet<>();

        Connection(Channel channel) {
            this.channel = channel;
        }

        void write(byte[] bytes) {
            channel.writeAndFlush(channel.alloc().buffer(bytes.length).writeBytes(bytes), channel.voidPromise());
        }

        void reply(SentinelReply r) {
            StringBuilder sb = new StringBuilder();
            encode(sb, r, protocol);
            write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }

        int subscriptions() {
            return channels.size() + patterns.size();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<List<String>> {
        private final Connection c;

        Handler(Connection c) {
            this.c = c;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            clients.add(c);
            connectionsReceived++;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            clients.remove(c);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, List<String> args) {
            if (args.isEmpty()) {
                return;
            }
            commandsProcessed++;
            c.lastCommand = args.get(0).toLowerCase(Locale.ROOT);
            try {
                dispatch(c, args);
            } catch (RuntimeException e) {
                sentinel.log.warning("Error executing " + args.get(0) + ": " + e);
                c.reply(SentinelReply.error("ERR " + e.getMessage()));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause.getCause() instanceof ProtocolException p || cause instanceof ProtocolException) {
                String msg = cause instanceof ProtocolException pe ? pe.getMessage() : cause.getCause().getMessage();
                c.write(("-ERR Protocol error: " + msg + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            ctx.close();
        }
    }

    // ---------------------------------------------------------------- commands

    private void dispatch(Connection c, List<String> args) {
        String cmd = args.get(0).toLowerCase(Locale.ROOT);
        int argc = args.size();
        if (!c.authenticated && !cmd.equals("auth") && !cmd.equals("hello") && !cmd.equals("quit")) {
            c.reply(SentinelReply.error("NOAUTH Authentication required."));
            return;
        }
        if (c.protocol == 2 && c.subscriptions() > 0 && !List.of("subscribe", "psubscribe", "unsubscribe",
                "punsubscribe", "ping", "quit", "reset").contains(cmd)) {
            c.reply(SentinelReply.error("ERR Can't execute '" + cmd + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / "
                    + "PING / QUIT / RESET are allowed in this context"));
            return;
        }
        switch (cmd) {
            case "ping" -> {
                if (argc > 2) {
                    c.reply(arity(cmd));
                } else if (c.protocol == 2 && c.subscriptions() > 0) {
                    c.reply(new SentinelReply.ArrayOf(List.of(SentinelReply.bulk("pong"),
                            SentinelReply.bulk(argc == 2 ? args.get(1) : ""))));
                } else {
                    c.reply(argc == 2 ? SentinelReply.bulk(args.get(1)) : new SentinelReply.Simple("PONG"));
                }
            }
            case "auth" -> auth(c, args);
            case "hello" -> hello(c, args);
            case "client" -> client(c, args);
            case "command" -> command(c, args);
            case "info" -> c.reply(new SentinelReply.Verbatim(info(args.size() > 1 ? args.get(1) : "default")));
            case "role" -> c.reply(commands.role());
            case "sentinel" -> c.reply(commands.execute(args));
            case "publish" -> c.reply(argc != 3 ? arity(cmd) : commands.publish(args.get(1), args.get(2)));
            case "subscribe", "psubscribe" -> subscribe(c, args, cmd.equals("psubscribe"));
            case "unsubscribe", "punsubscribe" -> unsubscribe(c, args, cmd.equals("punsubscribe"));
            case "shutdown" -> {
                sentinel.log.warning("User requested shutdown...");
                shutdownAction.run();
            }
            case "quit" -> {
                c.reply(SentinelReply.OK);
                c.channel.close();
            }
            case "reset" -> {
                c.channels.clear();
                c.patterns.clear();
                c.protocol = 2;
                c.name = "";
                c.authenticated = requirepass == null;
                c.reply(new SentinelReply.Simple("RESET"));
            }
            default -> {
                StringBuilder sb = new StringBuilder("ERR unknown command '").append(args.get(0)).append("', with args beginning with: ");
                for (int i = 1; i < argc; i++) {
                    sb.append('\'').append(args.get(i)).append("' ");
                }
                c.reply(SentinelReply.error(sb.toString()));
            }
        }
    }

    private static SentinelReply arity(String cmd) {
        return SentinelReply.error("ERR wrong number of arguments for '" + cmd + "' command");
    }

    private void auth(Connection c, List<String> args) {
        if (args.size() < 2 || args.size() > 3) {
            c.reply(arity("auth"));
            return;
        }
        if (requirepass == null) {
            c.reply(SentinelReply.error("ERR AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?"));
            return;
        }
        boolean userOk = args.size() == 2 || args.get(1).equals("default");
        if (userOk && requirepass.equals(args.get(args.size() - 1))) {
            c.authenticated = true;
            c.reply(SentinelReply.OK);
        } else {
            c.reply(SentinelReply.error("WRONGPASS invalid username-password pair or user is disabled."));
        }
    }

    private void hello(Connection c, List<String> args) {
        int proto = c.protocol;
        int i = 1;
        if (args.size() > 1) {
            try {
                proto = Integer.parseInt(args.get(1));
            } catch (NumberFormatException e) {
                c.reply(SentinelReply.error("ERR Protocol version is not an integer or out of range"));
                return;
            }
            if (proto < 2 || proto > 3) {
                c.reply(SentinelReply.error("NOPROTO unsupported protocol version"));
                return;
            }
            i = 2;
        }
        String name = null;
        for (; i < args.size(); i++) {
            String opt = args.get(i).toLowerCase(Locale.ROOT);
            int more = args.size() - 1 - i;
            if (opt.equals("auth") && more >= 2) {
                String user = args.get(i + 1);
                String pass = args.get(i + 2);
                if (requirepass == null || !user.equals("default") || !requirepass.equals(pass)) {
                    c.reply(SentinelReply.error(requirepass == null
                            ? "WRONGPASS invalid username-password pair or user is disabled."
                            : "WRONGPASS invalid username-password pair or user is disabled."));
                    return;
                }
                c.authenticated = true;
                i += 2;
            } else if (opt.equals("setname") && more >= 1) {
                name = args.get(++i);
            } else {
                c.reply(SentinelReply.error("ERR Syntax error in HELLO option '" + args.get(i) + "'"));
                return;
            }
        }
        if (!c.authenticated) {
            c.reply(SentinelReply.error("NOAUTH HELLO must be called with the client already authenticated, "
                    + "otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and "
                    + "select the RESP protocol version at the same time"));
            return;
        }
        if (name != null) {
            c.name = name;
        }
        c.protocol = proto;
        SentinelReply.Fields f = new SentinelReply.Fields().add("server", "redis").add("version", "7.0.15");
        List<SentinelReply> kv = new ArrayList<>(f.build().keysAndValues());
        kv.add(SentinelReply.bulk("proto"));
        kv.add(new SentinelReply.Int(proto));
        kv.add(SentinelReply.bulk("id"));
        kv.add(new SentinelReply.Int(c.id));
        kv.add(SentinelReply.bulk("mode"));
        kv.add(SentinelReply.bulk("sentinel"));
        kv.add(SentinelReply.bulk("modules"));
        kv.add(new SentinelReply.ArrayOf(List.of()));
        c.reply(new SentinelReply.MapOf(kv));
    }

    private void client(Connection c, List<String> args) {
        String sub = args.size() > 1 ? args.get(1).toLowerCase(Locale.ROOT) : "";
        switch (sub) {
            case "setname" -> {
                if (args.size() != 3) {
                    c.reply(SentinelReply.error("ERR wrong number of arguments for 'client|setname' command"));
                } else if (args.get(2).chars().anyMatch(ch -> ch <= ' ' || ch > '~')) {
                    c.reply(SentinelReply.error("ERR Client names cannot contain spaces, newlines or special characters."));
                } else {
                    c.name = args.get(2);
                    c.reply(SentinelReply.OK);
                }
            }
            case "getname" -> c.reply(SentinelReply.bulk(c.name.isEmpty() ? null : c.name));
            case "id" -> c.reply(new SentinelReply.Int(c.id));
            case "setinfo" -> c.reply(args.size() == 4 ? SentinelReply.OK
                    : SentinelReply.error("ERR wrong number of arguments for 'client|setinfo' command"));
            case "list", "info" -> {
                StringBuilder sb = new StringBuilder();
                for (Connection o : clients) {
                    if (sub.equals("info") && o != c) {
                        continue;
                    }
                    InetSocketAddress peer = (InetSocketAddress) o.channel.remoteAddress();
                    InetSocketAddress local = (InetSocketAddress) o.channel.localAddress();
                    sb.append("id=").append(o.id).append(" addr=").append(hostPort(peer)).append(" laddr=").append(hostPort(local))
                            .append(" name=").append(o.name).append(" age=").append((System.currentTimeMillis() - o.createdAt) / 1000)
                            .append(" flags=").append(o.subscriptions() > 0 ? "P" : "N").append(" db=0 sub=").append(o.channels.size())
                            .append(" psub=").append(o.patterns.size()).append(" cmd=").append(o.lastCommand)
                            .append(" user=default resp=").append(o.protocol).append('\n');
                }
                c.reply(new SentinelReply.Verbatim(sb.toString()));
            }
            case "kill" -> c.reply(SentinelReply.error("ERR No such client"));
            default -> c.reply(SentinelReply.error("ERR unknown subcommand '" + (args.size() > 1 ? args.get(1) : "")
                    + "'. Try CLIENT HELP."));
        }
    }

    private static String hostPort(InetSocketAddress a) {
        return a == null ? "?" : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private static final List<String> COMMAND_NAMES = List.of("ping", "auth", "hello", "client", "command", "info", "role",
            "sentinel", "publish", "subscribe", "psubscribe", "unsubscribe", "punsubscribe", "shutdown", "quit", "reset");

    private void command(Connection c, List<String> args) {
        String sub = args.size() > 1 ? args.get(1).toLowerCase(Locale.ROOT) : "";
        switch (sub) {
            case "count" -> c.reply(new SentinelReply.Int(COMMAND_NAMES.size()));
            case "list" -> c.reply(new SentinelReply.ArrayOf(COMMAND_NAMES.stream().<SentinelReply>map(SentinelReply::bulk).toList()));
            case "docs" -> c.reply(new SentinelReply.MapOf(List.of()));
            case "" , "info" -> c.reply(new SentinelReply.ArrayOf(List.of()));
            default -> c.reply(SentinelReply.error("ERR unknown subcommand '" + args.get(1) + "'. Try COMMAND HELP."));
        }
    }

    private void subscribe(Connection c, List<String> args, boolean pattern) {
        if (args.size() < 2) {
            c.reply(arity(args.get(0).toLowerCase(Locale.ROOT)));
            return;
        }
        for (String name : args.subList(1, args.size())) {
            (pattern ? c.patterns : c.channels).add(name);
            c.write(confirmation(c, pattern ? "psubscribe" : "subscribe", name, c.subscriptions()));
        }
    }

    private void unsubscribe(Connection c, List<String> args, boolean pattern) {
        Set<String> set = pattern ? c.patterns : c.channels;
        List<String> names = args.size() > 1 ? args.subList(1, args.size()) : new ArrayList<>(set);
        String kind = pattern ? "punsubscribe" : "unsubscribe";
        if (names.isEmpty()) {
            c.write(confirmation(c, kind, null, c.subscriptions()));
            return;
        }
        for (String name : names) {
            set.remove(name);
            c.write(confirmation(c, kind, name, c.subscriptions()));
        }
    }

    private static byte[] confirmation(Connection c, String kind, String name, int count) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.protocol == 3 ? '>' : '*').append("3\r\n");
        bulk(sb, kind);
        if (name == null) {
            sb.append(c.protocol == 3 ? "_\r\n" : "$-1\r\n");
        } else {
            bulk(sb, name);
        }
        sb.append(':').append(count).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String info(String section) {
        String sec = section.toLowerCase(Locale.ROOT);
        boolean all = sec.equals("default") || sec.equals("all") || sec.equals("everything");
        StringBuilder sb = new StringBuilder();
        if (all || sec.equals("server")) {
            long uptime = (System.currentTimeMillis() - startedAt) / 1000;
            sb.append("# Server\r\nredis_version:7.0.15\r\nredis_mode:sentinel\r\nos:")
                    .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                    .append("\r\narch_bits:64\r\nprocess_id:").append(ProcessHandle.current().pid())
                    .append("\r\nrun_id:").append(runId).append("\r\ntcp_port:").append(sentinel.listeningPort)
                    .append("\r\nuptime_in_seconds:").append(uptime).append("\r\nuptime_in_days:").append(uptime / 86400)
                    .append("\r\nhz:10\r\nconfigured_hz:10\r\nexecutable:java\r\nconfig_file:")
                    .append(sentinel.configFile.toAbsolutePath()).append("\r\n");
        }
        if (all || sec.equals("clients")) {
            appendSectionBreak(sb);
            sb.append("# Clients\r\nconnected_clients:").append(clients.size()).append("\r\nblocked_clients:0\r\n");
        }
        if (all || sec.equals("stats")) {
            appendSectionBreak(sb);
            sb.append("# Stats\r\ntotal_connections_received:").append(connectionsReceived)
                    .append("\r\ntotal_commands_processed:").append(commandsProcessed)
                    .append("\r\npubsub_channels:").append(clients.stream().mapToInt(x -> x.channels.size()).sum())
                    .append("\r\npubsub_patterns:").append(clients.stream().mapToInt(x -> x.patterns.size()).sum())
                    .append("\r\n");
        }
        if (all || sec.equals("sentinel")) {
            appendSectionBreak(sb);
            sb.append("# Sentinel\r\n").append(commands.infoSection());
        }
        return sb.toString();
    }

    private static void appendSectionBreak(StringBuilder sb) {
        if (!sb.isEmpty()) {
            sb.append("\r\n");
        }
    }

    // ---------------------------------------------------------------- wire format

    private static void encode(StringBuilder sb, SentinelReply r, int proto) {
        if (r instanceof SentinelReply.Simple s) {
            sb.append('+').append(s.text()).append("\r\n");
        } else if (r instanceof SentinelReply.Error e) {
            sb.append('-').append(e.text().replace('\r', ' ').replace('\n', ' ')).append("\r\n");
        } else if (r instanceof SentinelReply.Int i) {
            sb.append(':').append(i.value()).append("\r\n");
        } else if (r instanceof SentinelReply.Bulk b) {
            if (b.value() == null) {
                sb.append(proto == 3 ? "_\r\n" : "$-1\r\n");
            } else {
                bulk(sb, b.value());
            }
        } else if (r instanceof SentinelReply.Verbatim v) {
            if (proto == 3) {
                byte[] bytes = v.value().getBytes(StandardCharsets.UTF_8);
                sb.append('=').append(bytes.length + 4).append("\r\ntxt:").append(v.value()).append("\r\n");
            } else {
                bulk(sb, v.value());
            }
        } else if (r instanceof SentinelReply.ArrayOf a) {
            sb.append('*').append(a.items().size()).append("\r\n");
            for (SentinelReply item : a.items()) {
                encode(sb, item, proto);
            }
        } else if (r instanceof SentinelReply.MapOf m) {
            int n = m.keysAndValues().size();
            sb.append(proto == 3 ? '%' : '*').append(proto == 3 ? n / 2 : n).append("\r\n");
            for (SentinelReply item : m.keysAndValues()) {
                encode(sb, item, proto);
            }
        } else if (r instanceof SentinelReply.NullArray) {
            sb.append(proto == 3 ? "_\r\n" : "*-1\r\n");
        }
    }

    private static void bulk(StringBuilder sb, String s) {
        sb.append('$').append(s.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(s).append("\r\n");
    }

    // ---------------------------------------------------------------- request decoding

    static final class ProtocolException extends RuntimeException {
        ProtocolException(String message) {
            super(message, null, false, false);
        }
    }

    /** Multibulk requests and inline commands (as typed into telnet), into argument lists. */
    static final class CommandDecoder extends ByteToMessageDecoder {
        private static final int MAX_INLINE = 64 * 1024;
        private static final int MAX_BULK = 512 * 1024 * 1024;

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            while (in.isReadable()) {
                int start = in.readerIndex();
                List<String> args = in.getByte(start) == '*' ? multibulk(in) : inline(in);
                if (args == null) {
                    in.readerIndex(start);
                    return;
                }
                out.add(args);
            }
        }

        private static List<String> inline(ByteBuf in) {
            int lf = in.forEachByte(ByteProcessor.FIND_LF);
            if (lf < 0) {
                if (in.readableBytes() > MAX_INLINE) {
                    throw new ProtocolException("too big inline request");
                }
                return null;
            }
            String line = in.toString(in.readerIndex(), lf - in.readerIndex(), StandardCharsets.UTF_8).strip();
            in.readerIndex(lf + 1);
            try {
                return new ArrayList<>(ConfigTokenizer.split(line));
            } catch (ConfigException e) {
                throw new ProtocolException("unbalanced quotes in request");
            }
        }

        private static List<String> multibulk(ByteBuf in) {
            String header = line(in);
            if (header == null) {
                return null;
            }
            int count = parse(header.substring(1), "invalid multibulk length");
            List<String> args = new ArrayList<>(Math.max(0, Math.min(count, 1024)));
            for (int i = 0; i < count; i++) {
                String len = line(in);
                if (len == null) {
                    return null;
                }
                if (len.isEmpty() || len.charAt(0) != '$') {
                    throw new ProtocolException("expected '$', got '" + (len.isEmpty() ? " " : len.charAt(0)) + "'");
                }
                int n = parse(len.substring(1), "invalid bulk length");
                if (n < 0 || n > MAX_BULK) {
                    throw new ProtocolException("invalid bulk length");
                }
                if (in.readableBytes() < n + 2) {
                    return null;
                }
                args.add(in.toString(in.readerIndex(), n, StandardCharsets.UTF_8));
                in.skipBytes(n + 2);
            }
            return args;
        }

        private static String line(ByteBuf in) {
            int lf = in.forEachByte(ByteProcessor.FIND_LF);
            if (lf < 0) {
                if (in.readableBytes() > MAX_INLINE) {
                    throw new ProtocolException("too big mbulk count string");
                }
                return null;
            }
            int end = lf > in.readerIndex() && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            String s = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.US_ASCII);
            in.readerIndex(lf + 1);
            return s;
        }

        private static int parse(String s, String error) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new ProtocolException(error);
            }
        }
    }
}
