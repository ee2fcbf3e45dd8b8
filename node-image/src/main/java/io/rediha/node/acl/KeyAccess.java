package io.rediha.node.acl;

import io.rediha.node.command.CommandTable;
import java.util.List;

/**
 * Whether each key of a call is read, written, or both, which decides the key patterns that allow
 * it ({@code %R~}, {@code %W~}, {@code ~}). As in Redis, this comes from the flags of the key spec
 * that found the key ({@link CommandTable#keysWithFlags}): a key whose value is accessed needs
 * read permission, a key inserted into, updated or deleted needs write permission. INCR needs
 * both, DEL only write, EXISTS neither; SET needs read only with GET.
 */
final class KeyAccess {
    static final int READ = 1;
    static final int WRITE = 2;

    private KeyAccess() {
    }

    /** The permission bits a key with these key-spec flags needs. */
    static int needed(List<String> flags) {
        int perms = 0;
        for (String f : flags) {
            switch (f) {
                case "access" -> perms |= READ;
                case "insert", "delete", "update" -> perms |= WRITE;
                default -> {
                }
            }
        }
        return perms;
    }
}
