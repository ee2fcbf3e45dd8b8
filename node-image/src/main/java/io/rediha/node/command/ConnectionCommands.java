package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.ALLOW_BUSY;
import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.LOADING;
import static io.rediha.node.command.CommandFlag.NO_AUTH;
import static io.rediha.node.command.CommandFlag.NOSCRIPT;
import static io.rediha.node.command.CommandFlag.SKIP_MONITOR;
import static io.rediha.node.command.CommandFlag.SKIP_SLOWLOG;
import static io.rediha.node.command.CommandFlag.STALE;

import io.rediha.node.server.Client;
import io.rediha.node.server.RedisServer;
import java.util.Locale;

/** Connection commands: PING ECHO SELECT SWAPDB QUIT RESET HELLO AUTH. */
public final class ConnectionCommands implements CommandGroup {
    private static final byte[] PONG = Args.bytes("pong");

    @Override
    public void registerInto(CommandTable t) {
        t.register(spec("ping", -1, FAST, STALE).summary("Returns the server's liveliness response.")
                .handler(ConnectionCommands::ping).build());
        t.register(spec("echo", 2, FAST).summary("Returns the given string.").handler((c, a) -> c.addBulk(a[1])).build());
        t.register(spec("select", 2, LOADING, STALE, FAST).summary("Changes the selected database.")
                .handler(ConnectionCommands::select).build());
        t.register(CommandSpec.builder("swapdb", 3).flags(CommandFlag.WRITE, FAST).group("server").since("4.0.0")
                .summary("Swaps two Redis databases.").handler(ConnectionCommands::swapdb).build());
        t.register(spec("quit", -1, ALLOW_BUSY, NOSCRIPT, LOADING, STALE, FAST, NO_AUTH)
                .summary("Closes the connection.").handler(ConnectionCommands::quit).build());
        t.register(spec("reset", 1, NOSCRIPT, LOADING, STALE, FAST, NO_AUTH).since("6.2.0")
                .summary("Resets the connection.").handler(ConnectionCommands::reset).build());
        t.register(spec("hello", -1, NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, SKIP_MONITOR, SKIP_SLOWLOG)
                .since("6.0.0").summary("Handshakes with the Redis server.").handler(ConnectionCommands::hello).build());
        t.register(spec("auth", -2, NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, SKIP_MONITOR, SKIP_SLOWLOG)
                .summary("Authenticates the connection.").handler(ConnectionCommands::auth).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).group("connection");
    }

    static void ping(Client c, byte[][] a) {
        if (a.length > 2) {
            c.addArityError();
            return;
        }
        if (c.subscriptionCount() > 0 && c.protocol() == 2) {
            // In the RESP2 subscribed context PING answers as a pub/sub message.
            c.addPushLen(2);
            c.addPushBulk(PONG);
            c.addPushBulk(a.length == 2 ? a[1] : new byte[0]);
            return;
        }
        if (a.length == 2) {
            c.addBulk(a[1]);
        } else {
            c.addSimple("PONG");
        }
    }

    static void select(Client c, byte[][] a) {
        long idx = Args.parseLongOrMin(a[1]);
        if (idx == Long.MIN_VALUE) {
            throw new CommandException(ErrorReplies.NOT_INTEGER);
        }
        if (idx < 0 || idx >= c.server().keyspace().databases()) {
            throw new CommandException(ErrorReplies.DB_INDEX_OUT_OF_RANGE);
        }
        c.select((int) idx);
        c.addOk();
    }

    static void swapdb(Client c, byte[][] a) {
        long x = Args.parseLongOrMin(a[1]);
        if (x == Long.MIN_VALUE) {
            throw new CommandException("ERR invalid first DB index");
        }
        long y = Args.parseLongOrMin(a[2]);
        if (y == Long.MIN_VALUE) {
            throw new CommandException("ERR invalid second DB index");
        }
        int n = c.server().keyspace().databases();
        if (x < 0 || x >= n || y < 0 || y >= n) {
            throw new CommandException(ErrorReplies.DB_INDEX_OUT_OF_RANGE);
        }
        c.server().watches().databasesSwapping(c.server().keyspace().db((int) x), c.server().keyspace().db((int) y));
        c.server().keyspace().swap((int) x, (int) y);
        c.server().dirty++;
        c.addOk();
    }

    static void quit(Client c, byte[][] a) {
        c.addOk();
        c.closeAfterReply();
    }

    static void reset(Client c, byte[][] a) {
        c.server().watches().unwatchAll(c);
        TransactionCommands.discardTransaction(c);
        PubSubCommands.unsubscribeAllSilently(c);
        c.select(0);
        c.setProtocol(2);
        c.setName(null);
        c.setReplyMode(Client.ReplyMode.ON);
        c.setNoEvict(false);
        c.setNoTouch(false);
        c.server().tracking().disable(c);
        c.server().clients().stopMonitor(c);
        c.logInAs(c.server().acl().defaultUser(), false);
        c.addSimple("RESET");
    }

    static void auth(Client c, byte[][] a) {
        if (a.length > 3) {
            throw CommandException.syntax();
        }
        if (a.length == 2 && c.server().acl().defaultUser().isNopass()) {
            throw new CommandException(ErrorReplies.AUTH_NO_PASSWORD);
        }
        byte[] user = a.length == 3 ? a[1] : Args.bytes("default");
        byte[] pass = a.length == 3 ? a[2] : a[1];
        if (!c.server().acl().authenticate(c, user, pass, a[0])) {
            c.server().log().verbose("Authentication failed for client " + c.address());
            throw new CommandException(ErrorReplies.WRONGPASS);
        }
        c.addOk();
    }

    static void hello(Client c, byte[][] a) {
        int proto = negotiateHello(c, a);
        String role = c.server().role().toLowerCase(Locale.ROOT).equals("slave") ? "replica" : c.server().role();
        writeHelloReply(c, proto, "standalone", role);
    }

    /** HELLO's reply map; a sentinel passes no role, since its reply has no role field. */
    public static void writeHelloReply(Client c, int proto, String mode, String role) {
        c.addMapLen(role == null ? 6 : 7);
        c.addBulk("server");
        c.addBulk("redis");
        c.addBulk("version");
        c.addBulk(RedisServer.REDIS_VERSION);
        c.addBulk("proto");
        c.addInteger(proto);
        c.addBulk("id");
        c.addInteger(c.id());
        c.addBulk("mode");
        c.addBulk(mode);
        if (role != null) {
            c.addBulk("role");
            c.addBulk(role);
        }
        c.addBulk("modules");
        c.addArrayLen(0);
    }

    /**
     * The part of HELLO that a server and a sentinel share: parses the protocol version and the AUTH
     * and SETNAME options, authenticates, names the client and switches its protocol. Returns the
     * protocol now in use; the caller writes its own reply map. Throws the error to send on bad input.
     */
    public static int negotiateHello(Client c, byte[][] a) {
        int proto = c.protocol();
        int i = 1;
        if (a.length >= 2) {
            long v = Args.parseLongOrMin(a[1]);
            if (v == Long.MIN_VALUE) {
                throw new CommandException("ERR Protocol version is not an integer or out of range");
            }
            if (v < 2 || v > 3) {
                throw new CommandException(ErrorReplies.NOPROTO);
            }
            proto = (int) v;
            i = 2;
        }
        byte[] user = null;
        byte[] pass = null;
        byte[] name = null;
        for (; i < a.length; i++) {
            String opt = Args.lower(a[i]);
            if (opt.equals("auth") && i + 2 < a.length) {
                user = a[i + 1];
                pass = a[i + 2];
                i += 2;
            } else if (opt.equals("setname") && i + 1 < a.length) {
                name = a[i + 1];
                i++;
            } else {
                throw new CommandException("ERR Syntax error in HELLO option '" + Args.str(a[i]) + "'");
            }
        }
        if (user != null) {
            if (!c.server().acl().authenticate(c, user, pass, a[0])) {
                throw new CommandException(ErrorReplies.WRONGPASS);
            }
        }
        if (!c.isAuthenticated()) {
            throw new CommandException("NOAUTH HELLO must be called with the client already authenticated, "
                    + "otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the "
                    + "client and select the RESP protocol version at the same time");
        }
        if (name != null) {
            ClientCommands.checkName(name);
            c.setName(name.length == 0 ? null : name);
        }
        c.setProtocol(proto);
        return proto;
    }
}
