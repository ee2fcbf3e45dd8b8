package io.rediha.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeFilesTest {

    @Test
    void jvmOptionsLeaveOutFlagsAnOlderJdkWouldRejectAndKeepTheRest(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("node-image/docker"));
        Files.writeString(root.resolve("node-image/docker/jvm.options"), """
                # heap
                -Xms8m
                -XX:+UseCompactObjectHeaders
                --sun-misc-unsafe-memory-access=allow
                """);
        RecipeFiles files = new RecipeFiles(root);

        assertEquals(List.of("# heap", "-Xms8m", "-XX:+UseCompactObjectHeaders", "--sun-misc-unsafe-memory-access=allow"),
                files.jvmOptions(25).lines().toList());
        assertEquals(List.of("# heap", "-Xms8m", "# (left out for JDK 23) -XX:+UseCompactObjectHeaders",
                "--sun-misc-unsafe-memory-access=allow"), files.jvmOptions(23).lines().toList());
        assertEquals(List.of("# heap", "-Xms8m", "# (left out for JDK 17) -XX:+UseCompactObjectHeaders",
                "# (left out for JDK 17) --sun-misc-unsafe-memory-access=allow"), files.jvmOptions(17).lines().toList());
    }

    @Test
    void theImagesJvmOptionsStartTheLocalJdk() throws Exception {
        // Every flag line of the real file must be accepted by the JDK the offline recipe links.
        Path project = Path.of("").toAbsolutePath().getParent();
        LocalJdk jdk = LocalJdk.newest();
        Path options = Files.createTempFile("jvm", ".options");
        try {
            Files.writeString(options, new RecipeFiles(project).jvmOptions(jdk.feature()));
            Processes.Result r = Processes.run(List.of(jdk.tool("java").toString(), "@" + options, "-version"),
                    java.util.Map.of(), java.time.Duration.ofSeconds(30));
            assertEquals(0, r.exitCode(), "java @jvm.options -version failed: " + r.output());
        } finally {
            Files.deleteIfExists(options);
        }
    }
}
