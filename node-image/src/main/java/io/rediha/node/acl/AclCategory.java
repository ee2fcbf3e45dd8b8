package io.rediha.node.acl;

import io.rediha.node.command.CommandFlag;
import io.rediha.node.command.CommandSpec;
import io.rediha.node.command.CommandTable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.List;
import java.util.Set;

/**
 * The ACL categories, in the order ACL CAT lists them, and which ones a command belongs to. This
 * is the one source for ACL rules ({@code +@read}), ACL CAT and COMMAND INFO.
 *
 * <p>A command Redis 7.0 has takes exactly Redis's categories, from the command reference the
 * command table carries ({@link CommandTable#referenceCategories}): Redis declares some per
 * command (KEYS is dangerous, SORT is a list, set and sorted-set command), which no flag tells.
 * Any other command gets them the way Redis derives the implied ones: from its flags (write,
 * readonly, admin, pubsub, fast, blocking) and its data type group.
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
        List<String> reference = CommandTable.referenceCategories(s);
        if (reference != null) {
            for (String name : reference) {
                AclCategory c = byName(name.substring(1));
                if (c != null) {
                    cats.add(c);
                }
            }
            return cats;
        }
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
}
