package io.rediha.cli.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps the cluster's password out of the compose file. The file says {@code ${REDIHA_PASSWORD}};
 * docker-compose fills it in from the {@code .env} file next to the compose file, which only its
 * owner may read (mode 0600). An existing password is never replaced, since replacing it would lock
 * the running nodes' clients and replicas out; other lines of an existing {@code .env} are kept.
 */
public final class EnvFile {

    /** The variable the generated files refer to; the containers receive it as REDIS_PASSWORD. */
    public static final String PASSWORD_VARIABLE = "REDIHA_PASSWORD";

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** 32 characters from 62 give about 190 bits; letters and digits need no quoting anywhere. */
    private static final int PASSWORD_LENGTH = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private EnvFile() {
    }

    /** What {@link #ensurePassword} did. */
    public enum Outcome {
        /** The file did not exist; it now holds a new random password. */
        CREATED,
        /** The file existed without a password; a new random one was added. */
        ADDED,
        /** The file already held a password, which stays. */
        KEPT
    }

    /**
     * Makes sure {@code file} holds a non-empty {@value #PASSWORD_VARIABLE} and is readable by its
     * owner only.
     */
    public static Outcome ensurePassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            createOwnerOnly(file);
            Files.writeString(file, header() + PASSWORD_VARIABLE + "=" + newPassword() + "\n", StandardCharsets.UTF_8);
            return Outcome.CREATED;
        }
        restrictToOwner(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        if (lines.stream().anyMatch(l -> l.startsWith(PASSWORD_VARIABLE + "=") && l.length() > PASSWORD_VARIABLE.length() + 1)) {
            return Outcome.KEPT;
        }
        lines.removeIf(l -> l.equals(PASSWORD_VARIABLE + "="));
        lines.add(PASSWORD_VARIABLE + "=" + newPassword());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return Outcome.ADDED;
    }

    /** Reads the password from {@code file}, or returns null when there is none. */
    public static String readPassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith(PASSWORD_VARIABLE + "=") && line.length() > PASSWORD_VARIABLE.length() + 1) {
                return line.substring(PASSWORD_VARIABLE.length() + 1);
            }
        }
        return null;
    }

    static String newPassword() {
        StringBuilder sb = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String header() {
        return "# rediha: the password of every node (REDIS_PASSWORD in the containers) and of its clients.\n"
                + "# docker-compose reads this file from the compose file's directory. Keep it private.\n";
    }

    /** Creates the file with owner-only permissions from the start, so the password is never world-readable. */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            // Nothing to tighten on a file system without POSIX permissions.
        }
    }
}
