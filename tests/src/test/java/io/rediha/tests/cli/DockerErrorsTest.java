package io.rediha.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.cli.ExitCodes;
import io.rediha.cli.runtime.DockerEngine;
import io.rediha.cli.runtime.DockerRuntime;
import io.rediha.tests.support.NodeImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The errors users hit on a Docker engine: each names what is at fault and what to do, and leaves nothing running. */
class DockerErrorsTest {
    private Path dir;
    private String project;
    private Rediha rediha;

    @BeforeEach
    void makeProject() throws IOException {
        dir = Files.createTempDirectory("rediha-errors-");
        project = "e2eerr" + ProcessHandle.current().pid();
        Files.writeString(dir.resolve(".env"), "REDIHA_PASSWORD=errors\n");
        rediha = new Rediha("-f", dir.resolve("docker-compose.yml").toString(), "-p", project, "--runtime", "docker");
    }

    @AfterEach
    void removeProject() throws IOException {
        if (rediha != null) {
            rediha.run("down", "-v");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void writeFile(String image, String masterExtra) throws IOException {
        writeFile(image, masterExtra, "");
    }

    private void writeFile(String image, String masterExtra, String slaveExtra) throws IOException {
        Files.writeString(dir.resolve("docker-compose.yml"), """
                services:
                  master:
                    image: %1$s
                    command: ["master"]
                    environment:
                      REDIS_PASSWORD: ${REDIHA_PASSWORD}
                %2$s
                  slave:
                    image: %1$s
                    command: ["slave"]
                    environment:
                      REDIS_MASTER_HOST: master
                      REDIS_PASSWORD: ${REDIHA_PASSWORD}
                %3$s
                  sentinel:
                    image: %1$s
                    command: ["sentinel"]
                    environment:
                      REDIS_MASTER_HOST: master
                      SENTINEL_QUORUM: "1"
                      REDIS_PASSWORD: ${REDIHA_PASSWORD}
                """.formatted(image, masterExtra, slaveExtra));
    }

    @Test
    void aMissingImageIsNamedAndBuildIsOffered() throws IOException {
        NodeImage.reference();
        writeFile("rediha-missing/node:none", "");

        Rediha.Run up = rediha.run("up");

        assertEquals(ExitCodes.UNHEALTHY, up.exitCode(), up.toString());
        assertTrue(up.err().contains("Error: the image rediha-missing/node:none is not on the Docker engine at "), up.err());
        assertTrue(up.err().contains("'rediha up --build'"), up.err());
    }

    @Test
    void aPublishedPortThatIsTakenIsNamed() throws IOException {
        String image = NodeImage.reference();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            writeFile(image, "    ports: [\"127.0.0.1:" + port + ":6379\"]");

            Rediha.Run up = rediha.run("up", "--timeout", "30");

            assertEquals(ExitCodes.UNHEALTHY, up.exitCode(), up.toString());
            assertTrue(up.err().contains("Error: port " + port + " is already in use, so " + project
                    + "_master_1 cannot listen on it"), up.err());
            assertTrue(up.err().contains("ss -ltnp | grep :" + port), up.err());
        }
    }

    @Test
    void aContainerThatExitsAtStartShowsItsLastLogLines() throws IOException {
        writeFile(NodeImage.reference(), "", "      REDIS_MASTER_PORT: \"99999\"");

        Rediha.Run up = rediha.run("up", "--timeout", "30");

        assertEquals(ExitCodes.UNHEALTHY, up.exitCode(), up.toString());
        assertTrue(up.err().contains("Error: " + project + "_slave_1 stopped right after it started (exited); its last log lines:"),
                up.err());
        assertTrue(up.err().contains("99999"), "the node's own complaint is shown: " + up.err());
        assertTrue(up.err().contains("'rediha logs slave'"), up.err());
    }

    @Test
    void ourOwnImageIsBuiltByUpWhenTheEngineLacksIt() throws IOException {
        NodeImage.reference(); // the jar and the jlink cache exist, so this build is the warm one
        String image = "rediha/node:autobuild-" + ProcessHandle.current().pid();
        writeFile(image, "");
        try {
            Rediha.Run up = rediha.run("up", "--timeout", "60");

            assertEquals(ExitCodes.OK, up.exitCode(), up.toString());
            assertTrue((up.out() + up.err()).contains("Image " + image + " is not on the engine yet: building it"),
                    "up says it builds the missing image: " + up);
            try (DockerEngine engine = DockerEngine.connect(null)) {
                assertTrue(engine.client().inspectImageCmd(image).exec().getId() != null, "the image now exists");
            }
        } finally {
            rediha.run("down", "-v");
            try (DockerEngine engine = DockerEngine.connect(null)) {
                engine.client().removeImageCmd(image).withForce(true).exec();
            } catch (RuntimeException alreadyGone) {
                // nothing to clean
            }
        }
    }

    @Test
    void aListenPortThatIsNoNumberIsRefusedBeforeAnythingIsCreated() throws IOException {
        writeFile("rediha/node:latest", "      REDIS_PORT: \"not-a-port\"");

        Rediha.Run up = rediha.run("up");

        assertEquals(ExitCodes.USAGE, up.exitCode(), up.toString());
        assertTrue(up.err().contains("Error: service master: REDIS_PORT=not-a-port is not a number."), up.err());
        assertTrue(!up.err().contains("Creating"), "nothing was created: " + up.err());
    }

    @Test
    void downRemovesOnlyThisProjectEvenWhenItFailedHalfWay() throws IOException {
        writeFile(NodeImage.reference(), "", "      REDIS_MASTER_PORT: \"99999\"");
        rediha.run("up", "--timeout", "30");

        Rediha.Run down = rediha.run("down", "-v");

        assertEquals(0, down.exitCode(), down.toString());
        try (DockerEngine engine = DockerEngine.connect(null)) {
            assertTrue(engine.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(DockerRuntime.LABEL_PROJECT, project)).exec().isEmpty());
        }
    }
}
