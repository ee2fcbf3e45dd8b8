package io.rediha.tests.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rediha.cli.runtime.DockerEngine;
import java.util.Optional;

/**
 * A Docker engine for a test, or the test is skipped; with REDIHA_REQUIRE_DOCKER=1 (CI) a missing
 * engine fails the test instead, so a broken CI machine cannot pass by skipping.
 */
final class DockerRequired {
    private DockerRequired() {
    }

    static DockerEngine engine() {
        Optional<DockerEngine> engine = DockerEngine.tryConnect(null);
        if (engine.isEmpty() && "1".equals(System.getenv("REDIHA_REQUIRE_DOCKER"))) {
            throw new AssertionError("REDIHA_REQUIRE_DOCKER=1 but no Docker engine answers at "
                    + DockerEngine.resolveHost(null) + "; start one with scripts/docker-engine");
        }
        assumeTrue(engine.isPresent(), "no Docker engine answers");
        return engine.get();
    }
}
