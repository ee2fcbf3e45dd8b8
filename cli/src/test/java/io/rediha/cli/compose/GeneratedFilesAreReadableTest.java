package io.rediha.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract between {@code rediha generate} and {@code up}/{@code ps}/{@code scale}: every
 * file in {@code examples/} (kept equal to the generator's output by the generator's own test)
 * reads into one master, its replicas and its sentinels, with the password from the environment.
 */
class GeneratedFilesAreReadableTest {
    @ParameterizedTest
    @ValueSource(strings = {"compose", "host", "swarm", "swarm-classic", "rancher"})
    void everyTargetsFileReadsIntoOneMasterTwoReplicasAndThreeSentinels(String target) {
        Path file = Path.of("..", "examples", target, "docker-compose.yml");
        assertTrue(Files.isRegularFile(file), file + " exists");

        ComposeProject p = new ComposeReader(Map.of("REDIHA_PASSWORD", "pw")::get).read(file, "examples");

        int replicas = p.compose().servicesWithRole(NodeRole.REPLICA).stream().mapToInt(ServiceSpec::replicas).sum();
        int sentinels = p.compose().servicesWithRole(NodeRole.SENTINEL).stream().mapToInt(ServiceSpec::replicas).sum();
        assertEquals(1, p.compose().masterService().replicas(), target);
        assertEquals(2, replicas, target + ": replicas");
        assertEquals(3, sentinels, target + ": sentinels");
        assertEquals("pw", p.password(), target);
        assertEquals("mymaster", p.masterName(), target);
    }
}
