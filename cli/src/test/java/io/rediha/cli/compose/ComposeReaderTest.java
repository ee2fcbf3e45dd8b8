package io.rediha.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeReaderTest {
    static final String REDIHA_FILE = """
            services:
              master:
                image: rediha/node:latest
                command: ["master"]
                environment:
                  REDIS_PORT: "6379"
                  REDIS_PASSWORD: ${REDIHA_PASSWORD}
                volumes:
                  - data:/data
                healthcheck:
                  test: ["CMD", "sh", "-c", "true"]
                  interval: 1m30s
                  retries: 3
              slave:
                image: rediha/node:latest
                command: slave
                deploy:
                  replicas: 2
                environment:
                  - REDIS_MASTER_HOST=master
                  - REDIS_PASSWORD=${REDIHA_PASSWORD}
                  - NOTE=$${literal} and ${MISSING_ONE:-fallback}
                ports:
                  - "127.0.0.1::6379"
                  - "16380:6379"
              sentinel:
                image: rediha/node:latest
                command: ["sentinel"]
                scale: 3
                restart: unless-stopped
                environment:
                  SENTINEL_PORT: 26379
                  MASTER_NAME: cache
                  REDIS_PASSWORD: ${REDIHA_PASSWORD}
            volumes:
              data: {}
            """;

    @TempDir
    Path dir;

    private Path write(String yaml, String dotEnv) throws IOException {
        Path file = dir.resolve("docker-compose.yml");
        Files.writeString(file, yaml);
        if (dotEnv != null) {
            Files.writeString(dir.resolve(".env"), dotEnv);
        }
        return file;
    }

    @Test
    void readsServicesRolesCountsAndThePasswordFromDotEnv() throws IOException {
        ComposeProject p = new ComposeReader(name -> null).read(write(REDIHA_FILE, "REDIHA_PASSWORD='pw 1'\n"), "My.Proj");

        assertEquals("myproj", p.name(), "the project name is normalized as Compose v1 does");
        assertEquals(List.of("master", "slave", "sentinel"), List.copyOf(p.compose().services().keySet()));
        ServiceSpec slave = p.compose().service("slave").orElseThrow();
        assertEquals(NodeRole.REPLICA, slave.role());
        assertEquals(2, slave.replicas(), "deploy.replicas is the count");
        assertEquals(3, p.compose().service("sentinel").orElseThrow().replicas(), "scale is the count too");
        assertEquals("pw 1", p.password(), ".env supplies ${REDIHA_PASSWORD}, quotes stripped");
        assertEquals("${literal} and fallback", slave.environment().get("NOTE"), "$$ is a dollar, :- a default");
        assertEquals("cache", p.masterName());
        assertEquals(26379, p.compose().service("sentinel").orElseThrow().listenPort());
        assertEquals("unless-stopped", p.compose().service("sentinel").orElseThrow().restart());
        assertEquals(new ServiceSpec.PortSpec("127.0.0.1", null, 6379, "tcp"), slave.ports().get(0));
        assertEquals(new ServiceSpec.PortSpec(null, 16380, 6379, "tcp"), slave.ports().get(1));
        ServiceSpec master = p.compose().masterService();
        assertEquals(ServiceSpec.VolumeMount.Kind.NAMED, master.volumes().get(0).kind());
        assertEquals("myproj_data", p.volumeName("data"));
        assertEquals(Duration.ofSeconds(90), master.healthcheck().interval());
        assertEquals("myproj_slave_2", p.nodeName("slave", 2));
    }

    @Test
    void environmentWinsOverDotEnv() throws IOException {
        ComposeProject p = new ComposeReader(Map.of("REDIHA_PASSWORD", "from-env")::get)
                .read(write(REDIHA_FILE, "REDIHA_PASSWORD=from-file\n"), null);

        assertEquals("from-env", p.password());
        assertEquals(dir.getFileName().toString().toLowerCase().replaceAll("[^-_a-z0-9]", ""), p.name(),
                "without -p the project is the directory's name");
    }

    @Test
    void aMissingPasswordVariableIsRefusedWithWhereToSetIt() throws IOException {
        Path file = write(REDIHA_FILE, null);

        ComposeException e = assertThrows(ComposeException.class, () -> new ComposeReader(n -> null).read(file, "p"));

        assertTrue(e.getMessage().contains("${REDIHA_PASSWORD}"), e.getMessage());
        assertTrue(e.getMessage().contains(".env"), e.getMessage());
    }

    @Test
    void aFileWithoutSentinelsIsNotARedihaFileAndTheMessageSaysWhatIsMissing() throws IOException {
        String noSentinels = REDIHA_FILE.substring(0, REDIHA_FILE.indexOf("  sentinel:")) + "volumes:\n  data: {}\n";
        Path file = write(noSentinels, "REDIHA_PASSWORD=x\n");

        ComposeException e = assertThrows(ComposeException.class, () -> new ComposeReader(n -> null).read(file, "p"));

        assertTrue(e.getMessage().contains("was not generated by rediha"), e.getMessage());
        assertTrue(e.getMessage().contains("no sentinel service"), e.getMessage());
        assertTrue(e.hint().contains("rediha generate"), e.hint());
    }

    @Test
    void aServiceWhoseCommandIsNoRoleIsRefused() throws IOException {
        Path file = write(REDIHA_FILE.replace("command: slave", "command: redis-server --port 6379"), "REDIHA_PASSWORD=x\n");

        ComposeException e = assertThrows(ComposeException.class, () -> new ComposeReader(n -> null).read(file, "p"));

        assertTrue(e.getMessage().contains("service slave: command 'redis-server --port 6379' is not a rediha role"),
                e.getMessage());
    }

    @Test
    void aMissingFileAndBrokenYamlGetClearMessages() throws IOException {
        ComposeException missing = assertThrows(ComposeException.class,
                () -> new ComposeReader(n -> null).read(dir.resolve("nope.yml"), "p"));
        assertTrue(missing.getMessage().startsWith("no compose file at "), missing.getMessage());

        Path broken = write("services: [\n  master: {", null);
        ComposeException yaml = assertThrows(ComposeException.class, () -> new ComposeReader(n -> null).read(broken, "p"));
        assertTrue(yaml.getMessage().contains("is not valid YAML"), yaml.getMessage());
    }

    @Test
    void theConfigHashIgnoresTheScaleButNotTheEnvironment() throws IOException {
        ComposeReader reader = new ComposeReader(n -> null);
        String base = reader.read(write(REDIHA_FILE, "REDIHA_PASSWORD=x\n"), "p").compose().service("slave").orElseThrow().configHash();
        String scaled = reader.read(write(REDIHA_FILE.replace("replicas: 2", "replicas: 5"), null), "p")
                .compose().service("slave").orElseThrow().configHash();
        String changed = reader.read(write(REDIHA_FILE, "REDIHA_PASSWORD=y\n"), "p")
                .compose().service("slave").orElseThrow().configHash();

        assertEquals(base, scaled, "changing the count must not recreate containers");
        assertNotEquals(base, changed, "a changed password is drift");
    }
}
