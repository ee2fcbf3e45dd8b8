package io.rediha.node.acl;

import io.rediha.node.resp.ArgSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code aclfile}: one {@code user <name> <rules...>} line per user, as ACL SAVE writes it.
 * Loading is all or nothing: any bad line leaves the current users untouched and the reply lists
 * every problem with its file and line, as Redis does. Saving writes a temporary file and renames
 * it over the old one, so a crash never leaves half a file.
 */
final class AclFile {
    private AclFile() {
    }

    /** Loads the file into {@code acl}; returns the error text, or null on success. */
    static String load(AccessControl acl, String file) {
        return load(acl, file, null);
    }

    static String load(AccessControl acl, String file, io.rediha.node.server.Client caller) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            String reason = e instanceof java.nio.file.NoSuchFileException ? "No such file or directory"
                    : e.getMessage();
            return "Error loading ACLs, opening file '" + file + "': " + reason;
        }
        StringBuilder errors = new StringBuilder();
        Map<String, User> loaded = new HashMap<>();
        UserRules rules = acl.rules();
        for (int n = 0; n < lines.size(); n++) {
            int lineNo = n + 1;
            String line = lines.get(n).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> words = ArgSplitter.split(line);
            if (words == null) {
                errors.append(file).append(':').append(lineNo).append(": unbalanced quotes in acl line. ");
                continue;
            }
            if (words.size() < 2 || !words.get(0).equals("user")) {
                errors.append(file).append(':').append(lineNo)
                        .append(" should start with user keyword followed by the username. ");
                continue;
            }
            String name = words.get(1);
            if (UserRules.hasSpaces(name)) {
                errors.append("'").append(file).append(':').append(lineNo).append(": username '").append(name)
                        .append("' contains invalid characters. ");
                continue;
            }
            if (loaded.containsKey(name)) {
                errors.append("WARNING: Duplicate user '").append(name).append("' found on line ").append(lineNo)
                        .append(". ");
                continue;
            }
            User u = acl.newUser(name);
            boolean failed = false;
            List<String> ops;
            try {
                ops = UserRules.mergeSelectors(words.subList(2, words.size()));
            } catch (AclException e) {
                errors.append(file).append(':').append(lineNo).append(": Unmatched parenthesis in selector definition.");
                continue;
            }
            for (String op : ops) {
                try {
                    rules.apply(u, op);
                } catch (AclException e) {
                    if (e.getMessage().equals(UserRules.UNKNOWN)) {
                        errors.append(file).append(':').append(lineNo).append(": Error in applying operation '")
                                .append(op).append("': ").append(e.getMessage()).append(". ");
                    } else if (!failed) {
                        errors.append(file).append(':').append(lineNo).append(": ").append(e.getMessage())
                                .append(". ");
                    }
                    failed = true;
                }
            }
            u.refresh();
            loaded.put(name, u);
        }
        if (!errors.isEmpty()) {
            return errors.append("WARNING: ACL errors detected, no change to the previously active ACL rules was "
                    + "performed").toString();
        }
        acl.replaceAll(loaded, caller);
        return null;
    }

    /** Writes every user, one line each; false (and a log line) when the file cannot be written. */
    static boolean save(AccessControl acl, String file) {
        StringBuilder sb = new StringBuilder();
        for (User u : acl.users()) {
            sb.append("user ").append(u.name()).append(' ').append(RuleDescription.describe(u, acl.ids())).append('\n');
        }
        Path target = Path.of(file).toAbsolutePath();
        try {
            Path tmp = Files.createTempFile(target.getParent(), "acl-", ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.ISO_8859_1);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            acl.server().log().warning("Failed to save the ACL file '" + file + "': " + e.getMessage());
            return false;
        }
    }
}
