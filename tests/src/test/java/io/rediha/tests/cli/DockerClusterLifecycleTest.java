package io.rediha.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import io.rediha.cli.runtime.ClusterRuntime;
import io.rediha.cli.runtime.DockerEngine;
import io.rediha.cli.runtime.DockerRuntime;
import io.rediha.tests.support.NodeImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle on the real Docker engine with the node image built by the offline recipe, and a
 * container and a network of another project alongside that must survive our down. Containers
 * carry Compose's labels, so Debian's docker-compose lists them too.
 */
class DockerClusterLifecycleTest extends ClusterLifecycleScenario {
    private DockerEngine engine;
    private DockerClient docker;
    private String foreignContainer;
    private String foreignNetwork;
    private final List<String> projectVolumes = new ArrayList<>();

    @Override
    String runtime() {
        return "docker";
    }

    @Override
    String prepareRuntime() throws Exception {
        String image = NodeImage.reference();
        engine = DockerEngine.connect(null);
        docker = engine.client();
        String other = "e2eother" + ProcessHandle.current().pid();
        foreignNetwork = docker.createNetworkCmd().withName(other + "_default")
                .withLabels(Map.of(DockerRuntime.LABEL_PROJECT, other)).exec().getId();
        foreignContainer = docker.createContainerCmd(image).withName(other + "_master_1")
                .withLabels(Map.of(DockerRuntime.LABEL_PROJECT, other, DockerRuntime.LABEL_SERVICE, "master",
                        DockerRuntime.LABEL_NUMBER, "1"))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(other + "_default")).exec().getId();
        return image;
    }

    @Test
    @Order(25)
    void dockerComposeListsTheContainersAsItsOwn() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker-compose")), "Debian's docker-compose is needed");
        Process p = new ProcessBuilder("docker-compose", "-f", dir.resolve("docker-compose.yml").toString(),
                "-p", project, "ps", "--services", "--filter", "status=running")
                .redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker-compose ps finished");
        Process q = new ProcessBuilder("docker-compose", "-f", dir.resolve("docker-compose.yml").toString(),
                "-p", project, "ps", "-q").start();
        String ids = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(q.waitFor(60, TimeUnit.SECONDS));

        assertEquals(List.of("master", "sentinel", "slave"), out.lines().sorted().toList(), "running services: " + out);
        assertEquals(6, ids.lines().count(), "docker-compose ps lists every container: " + ids);
    }

    @Test
    @Order(35)
    void aPausedOrDisconnectedReplicaShowsInPsAndHealBringsItBack() throws InterruptedException {
        DockerRuntime runtime = new DockerRuntime(engine, project);
        ClusterRuntime.Node replica = runtime.nodes().stream()
                .filter(n -> n.name().equals(project + "_slave_2")).findFirst().orElseThrow();

        runtime.inject(replica, ClusterRuntime.Fault.PAUSE);
        JsonNode paused = rediha.ps();
        runtime.heal(replica, ClusterRuntime.Fault.PAUSE);

        assertEquals("paused", node(paused, replica.name()).get("state").asText(), paused.toString());
        assertTrue(!paused.get("healthy").asBoolean(), "a paused replica makes the cluster unhealthy");
        awaitPs("healthy after unpause", Duration.ofSeconds(30), ps -> ps.get("healthy").asBoolean());

        runtime.inject(replica, ClusterRuntime.Fault.DISCONNECT);
        JsonNode cut = rediha.ps();
        runtime.heal(replica, ClusterRuntime.Fault.DISCONNECT);

        assertEquals("", node(cut, replica.name()).get("host").asText(), "off the network it has no address: " + cut);
        assertTrue(!cut.get("healthy").asBoolean());
        awaitPs("healthy after reconnect", Duration.ofSeconds(30), ps -> ps.get("healthy").asBoolean());
        assertEquals(replica.host(), node(rediha.ps(), replica.name()).get("host").asText(),
                "the engine gives the freed address back, so sentinels see no new replica");
    }

    private static JsonNode node(JsonNode ps, String name) {
        for (JsonNode n : ps.get("nodes")) {
            if (name.equals(n.get("name").asText())) {
                return n;
            }
        }
        throw new AssertionError("no node " + name + " in " + ps);
    }

    @Test
    @Order(45)
    void rememberTheProjectsVolumesBeforeDown() {
        for (var c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerRuntime.LABEL_PROJECT, project)).exec()) {
            InspectContainerResponse i = docker.inspectContainerCmd(c.getId()).exec();
            i.getMounts().stream().filter(m -> m.getName() != null).forEach(m -> projectVolumes.add(m.getName()));
        }
        assertTrue(!projectVolumes.isEmpty(), "the image's /data volume is mounted in every container");
    }

    @Override
    void assertNothingOfTheProjectLeft() {
        assertTrue(docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerRuntime.LABEL_PROJECT, project)).exec().isEmpty(), "no container left");
        assertTrue(docker.listNetworksCmd().withFilter("label", List.of(DockerRuntime.LABEL_PROJECT + "=" + project))
                .exec().isEmpty(), "no network left");
        for (String v : projectVolumes) {
            assertTrue(isGone(() -> docker.inspectVolumeCmd(v).exec()), "volume " + v + " is removed by down -v");
        }
        docker.inspectContainerCmd(foreignContainer).exec();
        docker.inspectNetworkCmd().withNetworkId(foreignNetwork).exec();
    }

    private static boolean isGone(Runnable inspect) {
        try {
            inspect.run();
            return false;
        } catch (NotFoundException e) {
            return true;
        }
    }

    @Override
    void cleanUpAfterAll() {
        if (docker == null) {
            return;
        }
        if (foreignContainer != null) {
            docker.removeContainerCmd(foreignContainer).withForce(true).withRemoveVolumes(true).exec();
        }
        if (foreignNetwork != null) {
            docker.removeNetworkCmd(foreignNetwork).exec();
        }
        engine.close();
    }
}
