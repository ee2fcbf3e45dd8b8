package io.rediha.tests.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.tests.support.NodeContainer;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.images.builder.Transferable;

/** The image's HEALTHCHECK script (busybox sh and nc, no JVM) judges each role by what it serves. */
class HealthcheckTest {

    private static ExecResult probe(NodeContainer node) throws Exception {
        return node.container().execInContainer("/bin/sh", "/opt/rediha/healthcheck.sh");
    }

    @Test
    void masterWithPasswordFromAFileIsHealthyThroughAuth() throws Exception {
        NodeContainer master = NodeContainer.master().withEnv("REDIS_PASSWORD_FILE", "/run/secrets/redis");
        master.container().withCopyToContainer(Transferable.of("pass with spaces %s\n", 0444), "/run/secrets/redis");
        try (master) {
            master.start();
            ExecResult r = probe(master);
            assertEquals(0, r.getExitCode(), r.getStdout());
            assertTrue(r.getStdout().startsWith("master"), r.getStdout());
        }
    }

    @Test
    void replicaWhoseMasterIsUnreachableIsNotHealthy() throws Exception {
        try (NodeContainer replica = NodeContainer.replica().withEnv("REDIS_MASTER_HOST", "127.0.0.1").withEnv("REDIS_MASTER_PORT", "1")
                .withoutHealthWait().start()) {
            ExecResult r = probe(replica);
            assertEquals(1, r.getExitCode(), r.getStdout());
            assertTrue(r.getStdout().contains("replica of 127.0.0.1:1, link down"), r.getStdout());
        }
    }

    @Test
    void sentinelMonitoringItsMasterIsHealthy() throws Exception {
        try (NodeContainer sentinel = NodeContainer.sentinel().withEnv("REDIS_MASTER_HOST", "127.0.0.1").withEnv("MASTER_NAME", "cache")
                .withoutHealthWait().start()) {
            ExecResult r = probe(sentinel);
            assertEquals(0, r.getExitCode(), r.getStdout());
            assertTrue(r.getStdout().contains("monitoring cache at 127.0.0.1:6379"), r.getStdout());
        }
    }
}
