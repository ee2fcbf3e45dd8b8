package io.rediha.node.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What the image's HEALTHCHECK script (busybox sh + nc, no JVM per probe) needs to know and cannot
 * learn from the container's environment: which kind of node runs and on which port. The password
 * is not written here; the script reads REDIS_PASSWORD or REDIS_PASSWORD_FILE itself.
 */
final class HealthcheckState {
    static final String FILE_NAME = "rediha-health.env";

    private HealthcheckState() {
    }

    static Path write(Path runDir, String kind, int port, String masterName) throws IOException {
        Files.createDirectories(runDir);
        Path tmp = runDir.resolve(FILE_NAME + ".tmp");
        Files.write(tmp, List.of("kind=" + kind, "port=" + port, "master_name=" + masterName), StandardCharsets.UTF_8);
        return Files.move(tmp, runDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
