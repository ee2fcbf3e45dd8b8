package io.rediha.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * examples/TARGET/docker-compose.yml is exactly what {@code rediha generate --target TARGET} writes
 * with the defaults. The password is in .env, never in the file, so the output is deterministic.
 * After an intended change to a template, refresh the examples with
 * {@code mvn -o -pl cli test -Dtest=ExamplesMatchGeneratorTest -Drediha.updateExamples=true}.
 */
class ExamplesMatchGeneratorTest {

    @ParameterizedTest
    @EnumSource(Target.class)
    void exampleMatchesTheGeneratorsOutput(Target target) throws IOException {
        Path example = CliRun.repositoryRoot().resolve("examples").resolve(target.id()).resolve("docker-compose.yml");
        String generated = ComposeGenerator.render(ClusterSpec.defaults(target), null, "docker-compose.yml");
        if (Boolean.getBoolean("rediha.updateExamples")) {
            Files.createDirectories(example.getParent());
            Files.writeString(example, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(example), example + " is missing; run this test with -Drediha.updateExamples=true");
        assertEquals(Files.readString(example, StandardCharsets.UTF_8), generated,
                example + " has drifted from the generator: if the template change is intended, run "
                        + "mvn -o -pl cli test -Dtest=ExamplesMatchGeneratorTest -Drediha.updateExamples=true");
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void commandLineWritesTheSameFileAsTheExample(Target target) throws IOException {
        Path dir = Files.createTempDirectory("rediha-gen");
        try {
            Path out = dir.resolve("docker-compose.yml");
            CliRun run = CliRun.of("generate", "--target", target.id(), "-o", out.toString());
            assertEquals(0, run.code(), run.toString());
            Path example = CliRun.repositoryRoot().resolve("examples").resolve(target.id()).resolve("docker-compose.yml");
            assertEquals(Files.readString(example), Files.readString(out));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
