package io.rediha.node.acl;

import io.rediha.node.command.CommandFlag;
import io.rediha.node.command.CommandSpec;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ACL categories, in the order ACL CAT lists them, and which ones a command belongs to. This
 * is the one source for ACL rules ({@code +@read}), ACL CAT and COMMAND INFO.
 *
 * <p>Redis derives most categories from a command's flags (write, readonly, admin, pubsub, fast,
 * blocking) and its data type group, and declares the rest per command (KEYS is dangerous, SORT
 * is a list and set and sorted set command...). {@link #of} does the same: flags and group first,
 * then {@link #DECLARED} adds or removes what Redis 7.0.15 declares for individual commands.
 */
public enum AclCategory {
    KEYSPACE, READ, WRITE, SET, SORTEDSET, LIST, HASH, STRING, BITMAP, HYPERLOGLOG, GEO, STREAM, PUBSUB,
    ADMIN, FAST, SLOW, BLOCKING, DANGEROUS, CONNECTION, TRANSACTION, SCRIPTING;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name without {@code @}, as ACL CAT prints it. */
    public String wireName() {
        return wireName;
    }

    /** The category named (any case, without {@code @}), or null. */
    public static AclCategory byName(String name) {
        for (AclCategory c : values()) {
            if (c.wireName.equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    /** The categories of a command or subcommand. */
    public static EnumSet<AclCategory> of(CommandSpec s) {
        EnumSet<AclCategory> cats = EnumSet.noneOf(AclCategory.class);
        AclCategory byGroup = ofGroup(s.parent() != null ? s.parent().group() : s.group());
        if (byGroup != null) {
            cats.add(byGroup);
        }
        if (s.has(CommandFlag.WRITE)) {
            cats.add(WRITE);
        }
        if (s.has(CommandFlag.READONLY) && !cats.contains(SCRIPTING)) {
            cats.add(READ);
        }
        if (s.has(CommandFlag.ADMIN)) {
            cats.add(ADMIN);
            cats.add(DANGEROUS);
        }
        if (s.has(CommandFlag.PUBSUB)) {
            cats.add(PUBSUB);
        }
        if (s.has(CommandFlag.BLOCKING)) {
            cats.add(BLOCKING);
        }
        cats.add(s.has(CommandFlag.FAST) ? FAST : SLOW);
        String declared = DECLARED.get(s.fullName());
        if (declared != null) {
            if (declared.startsWith("=")) {
                cats.clear();
            }
            for (String d : declared.split(" ")) {
                AclCategory c = byName(d.substring(2));
                if (d.charAt(0) != '-') {
                    cats.add(c);
                } else {
                    cats.remove(c);
                }
            }
        }
        return cats;
    }

    /** The categories as COMMAND INFO shows them: {@code @name}, in ACL CAT order. */
    public static Set<String> wireNames(CommandSpec s) {
        Set<String> out = new LinkedHashSet<>();
        for (AclCategory c : of(s)) {
            out.add("@" + c.wireName);
        }
        return Collections.unmodifiableSet(out);
    }

    private static AclCategory ofGroup(String group) {
        return switch (group) {
            case "generic" -> KEYSPACE;
            case "string" -> STRING;
            case "list" -> LIST;
            case "hash" -> HASH;
            case "set" -> SET;
            case "sorted_set" -> SORTEDSET;
            case "bitmap" -> BITMAP;
            case "hyperloglog" -> HYPERLOGLOG;
            case "geo" -> GEO;
            case "stream" -> STREAM;
            case "pubsub" -> PUBSUB;
            case "transactions" -> TRANSACTION;
            case "connection" -> CONNECTION;
            case "scripting" -> SCRIPTING;
            default -> null;
        };
    }

    /**
     * Per-command declarations of Redis 7.0.15 beyond what flags and group give: {@code +@x} adds,
     * {@code -@x} removes, and {@code =@x} lists the whole set (commands whose flags are declared
     * elsewhere, such as scripting and streams, get Redis's categories whatever their flags).
     */
    private static final Map<String, String> DECLARED = Map.ofEntries(
            Map.entry("append", "+@fast -@slow"),
            Map.entry("asking", "+@connection"),
            Map.entry("client", "-@connection"),
            Map.entry("command", "+@connection"),
            Map.entry("command|count", "+@connection"),
            Map.entry("command|docs", "+@connection"),
            Map.entry("command|getkeys", "+@connection"),
            Map.entry("command|help", "+@connection"),
            Map.entry("command|info", "+@connection"),
            Map.entry("command|list", "+@connection"),
            Map.entry("config|help", "-@admin -@dangerous"),
            Map.entry("dbsize", "+@keyspace"),
            Map.entry("dump", "+@keyspace"),
            Map.entry("flushall", "+@dangerous +@keyspace"),
            Map.entry("flushdb", "+@dangerous +@keyspace"),
            Map.entry("info", "+@dangerous"),
            Map.entry("keys", "+@dangerous"),
            Map.entry("lastsave", "+@admin +@dangerous"),
            Map.entry("object", "-@keyspace"),
            Map.entry("pubsub", "-@pubsub"),
            Map.entry("pubsub|help", "-@pubsub"),
            Map.entry("readonly", "+@connection"),
            Map.entry("readwrite", "+@connection"),
            Map.entry("restore", "+@dangerous +@keyspace"),
            Map.entry("role", "+@admin +@dangerous"),
            Map.entry("sort", "+@dangerous +@list +@set +@sortedset -@keyspace"),
            Map.entry("sort_ro", "+@dangerous +@list +@set +@sortedset -@keyspace"),
            Map.entry("swapdb", "+@dangerous +@keyspace"),
            Map.entry("wait", "+@connection -@keyspace"),
            Map.entry("client|caching", "=@connection =@slow"),
            Map.entry("client|tracking", "=@connection =@slow"),
            Map.entry("client|trackinginfo", "=@connection =@slow"),
            Map.entry("cluster|addslots", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|addslotsrange", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|bumpepoch", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|count-failure-reports", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|countkeysinslot", "=@slow"),
            Map.entry("cluster|delslots", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|delslotsrange", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|failover", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|flushslots", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|forget", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|getkeysinslot", "=@slow"),
            Map.entry("cluster|help", "=@slow"),
            Map.entry("cluster|info", "=@slow"),
            Map.entry("cluster|keyslot", "=@slow"),
            Map.entry("cluster|links", "=@slow"),
            Map.entry("cluster|meet", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|myid", "=@slow"),
            Map.entry("cluster|nodes", "=@slow"),
            Map.entry("cluster|replicas", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|replicate", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|reset", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|saveconfig", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|set-config-epoch", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|setslot", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|shards", "=@slow"),
            Map.entry("cluster|slaves", "=@admin =@dangerous =@slow"),
            Map.entry("cluster|slots", "=@slow"),
            Map.entry("command|getkeysandflags", "=@connection =@slow"),
            Map.entry("eval", "=@scripting =@slow"),
            Map.entry("eval_ro", "=@scripting =@slow"),
            Map.entry("evalsha", "=@scripting =@slow"),
            Map.entry("evalsha_ro", "=@scripting =@slow"),
            Map.entry("fcall", "=@scripting =@slow"),
            Map.entry("fcall_ro", "=@scripting =@slow"),
            Map.entry("function", "=@slow"),
            Map.entry("function|delete", "=@scripting =@slow =@write"),
            Map.entry("function|dump", "=@scripting =@slow"),
            Map.entry("function|flush", "=@scripting =@slow =@write"),
            Map.entry("function|help", "=@scripting =@slow"),
            Map.entry("function|kill", "=@scripting =@slow"),
            Map.entry("function|list", "=@scripting =@slow"),
            Map.entry("function|load", "=@scripting =@slow =@write"),
            Map.entry("function|restore", "=@scripting =@slow =@write"),
            Map.entry("function|stats", "=@scripting =@slow"),
            Map.entry("lolwut", "=@fast =@read"),
            Map.entry("migrate", "=@dangerous =@keyspace =@slow =@write"),
            Map.entry("restore-asking", "=@dangerous =@keyspace =@slow =@write"),
            Map.entry("script", "=@slow"),
            Map.entry("script|debug", "=@scripting =@slow"),
            Map.entry("script|exists", "=@scripting =@slow"),
            Map.entry("script|flush", "=@scripting =@slow"),
            Map.entry("script|help", "=@scripting =@slow"),
            Map.entry("script|kill", "=@scripting =@slow"),
            Map.entry("script|load", "=@scripting =@slow"),
            Map.entry("spublish", "=@fast =@pubsub"),
            Map.entry("ssubscribe", "=@pubsub =@slow"),
            Map.entry("sunsubscribe", "=@pubsub =@slow"),
            Map.entry("xack", "=@fast =@stream =@write"),
            Map.entry("xadd", "=@fast =@stream =@write"),
            Map.entry("xautoclaim", "=@fast =@stream =@write"),
            Map.entry("xclaim", "=@fast =@stream =@write"),
            Map.entry("xdel", "=@fast =@stream =@write"),
            Map.entry("xgroup", "=@slow"),
            Map.entry("xgroup|create", "=@slow =@stream =@write"),
            Map.entry("xgroup|createconsumer", "=@slow =@stream =@write"),
            Map.entry("xgroup|delconsumer", "=@slow =@stream =@write"),
            Map.entry("xgroup|destroy", "=@slow =@stream =@write"),
            Map.entry("xgroup|help", "=@slow =@stream"),
            Map.entry("xgroup|setid", "=@slow =@stream =@write"),
            Map.entry("xinfo", "=@slow"),
            Map.entry("xinfo|consumers", "=@read =@slow =@stream"),
            Map.entry("xinfo|groups", "=@read =@slow =@stream"),
            Map.entry("xinfo|help", "=@slow =@stream"),
            Map.entry("xinfo|stream", "=@read =@slow =@stream"),
            Map.entry("xlen", "=@fast =@read =@stream"),
            Map.entry("xpending", "=@read =@slow =@stream"),
            Map.entry("xrange", "=@read =@slow =@stream"),
            Map.entry("xread", "=@blocking =@read =@slow =@stream"),
            Map.entry("xreadgroup", "=@blocking =@slow =@stream =@write"),
            Map.entry("xrevrange", "=@read =@slow =@stream"),
            Map.entry("xsetid", "=@fast =@stream =@write"),
            Map.entry("xtrim", "=@slow =@stream =@write"));
}
