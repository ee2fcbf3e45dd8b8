package io.rediha.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Debian's docker-compose 1.29 (Python, YAML 1.1, the strictest reader we must satisfy) accepts every
 * generated file, with the defaults and with other counts; {@code docker stack config} accepts the swarm
 * file. Neither needs a running engine. The password comes from the generated .env, as it would for a user.
 */
class DockerComposeAcceptsGeneratedFilesTest {

    @TempDir
    Path dir;

    static Stream<Arguments> variants() {
        List<Arguments> all = new ArrayList<>();
        for (Target t : Target.values()) {
            all.add(Arguments.of(t.id(), List.of()));
            all.add(Arguments.of(t.id(), List.of("--replicas", "3", "--sentinels", "5", "--master-name", "shop.cache-1",
                    "--down-after", "3000")));
        }
        all.add(Arguments.of("host", List.of("--replicas", "0", "--sentinels", "1", "--announce-ip", "10.0.0.5")));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("variants")
    void dockerComposeConfigAcceptsTheFile(String target, List<String> options) throws Exception {
        ExternalTool.requireInstalled("docker-compose");
        List<String> args = new ArrayList<>(List.of("generate", "--target", target, "-o", dir.resolve("docker-compose.yml").toString()));
        args.addAll(options);
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.code(), run.toString());

        ExternalTool.Result config = ExternalTool.run(dir, Map.of(), List.of("docker-compose", "config", "-q"));
        assertEquals(0, config.code(), "docker-compose config -q rejected the " + target + " file:\n" + config.output()
                + "\n" + Files.readString(dir.resolve("docker-compose.yml")));
        assertEquals("", config.output().strip(), "docker-compose config printed warnings");
    }

    @Test
    void composeRefusesToStartWithoutThePassword() throws Exception {
        ExternalTool.requireInstalled("docker-compose");
        assertEquals(0, CliRun.of("generate", "-o", dir.resolve("docker-compose.yml").toString()).code());
        Files.delete(dir.resolve(".env"));
        ExternalTool.Result config = ExternalTool.run(dir, Map.of(), List.of("docker-compose", "config", "-q"));
        assertTrue(config.code() != 0 && config.output().contains("REDIHA_PASSWORD is not set"), config.output());
    }

    @Test
    void dockerStackConfigAcceptsTheSwarmFile() throws Exception {
        ExternalTool.requireInstalled("docker");
        assertEquals(0, CliRun.of("generate", "--target", "swarm", "-o", dir.resolve("stack.yml").toString()).code());
        String password = EnvFile.readPassword(dir.resolve(".env"));
        // docker stack does not read .env; users export it, as the file's header says.
        ExternalTool.Result config = ExternalTool.run(dir, Map.of("REDIHA_PASSWORD", password),
                List.of("docker", "stack", "config", "-c", "stack.yml"));
        assertEquals(0, config.code(), "docker stack config rejected the swarm file:\n" + config.output());
        assertTrue(config.output().contains("endpoint_mode: dnsrr") && config.output().contains("max_replicas_per_node: 1"),
                config.output());
    }
}
