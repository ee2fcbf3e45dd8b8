package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.LOADING;
import static io.rediha.node.command.CommandFlag.MAY_REPLICATE;
import static io.rediha.node.command.CommandFlag.NOSCRIPT;
import static io.rediha.node.command.CommandFlag.PUBSUB;
import static io.rediha.node.command.CommandFlag.STALE;

import io.rediha.node.server.Client;
import io.rediha.node.server.PubSub;
import io.rediha.node.store.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE PUBLISH PUBSUB. Confirmations are push messages
 * (RESP3 {@code >}, RESP2 arrays) with the client's subscription count, as Redis sends them.
 */
public final class PubSubCommands implements CommandGroup {
    private static final byte[] SUBSCRIBE = Args.bytes("subscribe");
    private static final byte[] UNSUBSCRIBE = Args.bytes("unsubscribe");
    private static final byte[] PSUBSCRIBE = Args.bytes("psubscribe");
    private static final byte[] PUNSUBSCRIBE = Args.bytes("punsubscribe");

    @Override
    public void registerInto(CommandTable t) {
        t.register(spec("subscribe", -2, PUBSUB, NOSCRIPT, LOADING, STALE)
                .summary("Listens for messages published to channels.").handler(PubSubCommands::subscribe).build());
        t.register(spec("unsubscribe", -1, PUBSUB, NOSCRIPT, LOADING, STALE)
                .summary("Stops listening to messages posted to channels.").handler(PubSubCommands::unsubscribe).build());
        t.register(spec("psubscribe", -2, PUBSUB, NOSCRIPT, LOADING, STALE)
                .summary("Listens for messages published to channels that match one or more patterns.")
                .handler(PubSubCommands::psubscribe).build());
        t.register(spec("punsubscribe", -1, PUBSUB, NOSCRIPT, LOADING, STALE)
                .summary("Stops listening to messages published to channels that match one or more patterns.")
                .handler(PubSubCommands::punsubscribe).build());
        t.register(spec("publish", 3, PUBSUB, LOADING, STALE, FAST, MAY_REPLICATE)
                .summary("Posts a message to a channel.")
                .handler((c, a) -> c.addInteger(c.server().pubsub().publish(a[1], a[2]))).build());
        CommandSpec pubsub = spec("pubsub", -2).since("2.8.0").summary("A container for Pub/Sub commands.").build();
        pubsub.addSubcommand(spec("channels", -2, PUBSUB, LOADING, STALE).since("2.8.0")
                .summary("Returns the active channels.").handler(PubSubCommands::channels).build());
        pubsub.addSubcommand(spec("numsub", -2, PUBSUB, LOADING, STALE).since("2.8.0")
                .summary("Returns a count of subscribers to channels.").handler(PubSubCommands::numsub).build());
        pubsub.addSubcommand(spec("numpat", 2, PUBSUB, LOADING, STALE).since("2.8.0")
                .summary("Returns a count of unique pattern subscriptions.")
                .handler((c, a) -> c.addInteger(c.server().pubsub().patternCount())).build());
        pubsub.addSubcommand(spec("shardchannels", -2, PUBSUB, LOADING, STALE).since("7.0.0")
                .summary("Returns the active shard channels.").handler((c, a) -> c.addArrayLen(0)).build());
        pubsub.addSubcommand(spec("shardnumsub", -2, PUBSUB, LOADING, STALE).since("7.0.0")
                .summary("Returns the count of subscribers of shard channels.").handler(PubSubCommands::shardnumsub).build());
        pubsub.addSubcommand(spec("help", 2, LOADING, STALE).summary("Returns helpful text about the different subcommands.")
                .handler((c, a) -> Help.reply(c, "PUBSUB",
                        "CHANNELS [<pattern>]", "    Return the currently active channels matching a <pattern> (default: '*').",
                        "NUMPAT", "    Return number of subscriptions to patterns.",
                        "NUMSUB [<channel> ...]", "    Return the number of subscribers for the specified channels, excluding",
                        "    pattern subscriptions(default: no channels).",
                        "SHARDCHANNELS [<pattern>]", "    Return the currently active shard level channels matching a <pattern> (default: '*').",
                        "SHARDNUMSUB [<shardchannel> ...]", "    Return the number of subscribers for the specified shard level channel(s)"))
                .build());
        t.register(pubsub);
    }

    private static CommandSpec.Builder spec(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).group("pubsub").since("2.0.0");
    }

    private static void confirm(Client c, byte[] kind, byte[] channel) {
        c.addPushLen(3);
        c.addPushBulk(kind);
        if (channel == null) {
            c.addNullPush();
        } else {
            c.addPushBulk(channel);
        }
        c.addPushInteger(c.subscriptionCount());
    }

    static void subscribe(Client c, byte[][] a) {
        PubSub ps = c.server().pubsub();
        for (int i = 1; i < a.length; i++) {
            ps.subscribe(c, a[i]);
            confirm(c, SUBSCRIBE, a[i]);
        }
    }

    static void psubscribe(Client c, byte[][] a) {
        PubSub ps = c.server().pubsub();
        for (int i = 1; i < a.length; i++) {
            ps.psubscribe(c, a[i]);
            confirm(c, PSUBSCRIBE, a[i]);
        }
    }

    static void unsubscribe(Client c, byte[][] a) {
        PubSub ps = c.server().pubsub();
        if (a.length == 1) {
            List<Bytes> all = new ArrayList<>(c.channels());
            if (all.isEmpty()) {
                confirm(c, UNSUBSCRIBE, null);
            }
            for (Bytes ch : all) {
                ps.unsubscribe(c, ch.data());
                confirm(c, UNSUBSCRIBE, ch.data());
            }
            return;
        }
        for (int i = 1; i < a.length; i++) {
            ps.unsubscribe(c, a[i]);
            confirm(c, UNSUBSCRIBE, a[i]);
        }
    }

    static void punsubscribe(Client c, byte[][] a) {
        PubSub ps = c.server().pubsub();
        if (a.length == 1) {
            List<Bytes> all = new ArrayList<>(c.patterns());
            if (all.isEmpty()) {
                confirm(c, PUNSUBSCRIBE, null);
            }
            for (Bytes p : all) {
                ps.punsubscribe(c, p.data());
                confirm(c, PUNSUBSCRIBE, p.data());
            }
            return;
        }
        for (int i = 1; i < a.length; i++) {
            ps.punsubscribe(c, a[i]);
            confirm(c, PUNSUBSCRIBE, a[i]);
        }
    }

    /** Drops every subscription without confirmations (RESET). */
    public static void unsubscribeAllSilently(Client c) {
        PubSub ps = c.server().pubsub();
        for (Bytes ch : new ArrayList<>(c.channels())) {
            ps.unsubscribe(c, ch.data());
        }
        for (Bytes p : new ArrayList<>(c.patterns())) {
            ps.punsubscribe(c, p.data());
        }
    }

    static void channels(Client c, byte[][] a) {
        if (a.length > 3) {
            c.addArityError();
            return;
        }
        c.addBulkArray(c.server().pubsub().activeChannels(a.length == 3 ? a[2] : null));
    }

    static void numsub(Client c, byte[][] a) {
        c.addMapLen(a.length - 2);
        for (int i = 2; i < a.length; i++) {
            c.addBulk(a[i]);
            c.addInteger(c.server().pubsub().subscriberCount(a[i]));
        }
    }

    static void shardnumsub(Client c, byte[][] a) {
        c.addMapLen(a.length - 2);
        for (int i = 2; i < a.length; i++) {
            c.addBulk(a[i]);
            c.addInteger(0);
        }
    }
}
