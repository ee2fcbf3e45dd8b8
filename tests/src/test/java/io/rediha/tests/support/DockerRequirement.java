package io.rediha.tests.support;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * Gate for tests that need a Docker engine: without one they are skipped, except under
 * REDIHA_REQUIRE_DOCKER=1 (CI), where they fail, so CI can never pass by skipping them.
 */
public final class DockerRequirement {
    private DockerRequirement() {
    }

    public static boolean required() {
        return "1".equals(System.getenv("REDIHA_REQUIRE_DOCKER"));
    }

    /** Returns when an engine answers; otherwise aborts (skip) or fails the calling test. */
    public static void assumeDockerOrFail() {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            available = false;
        }
        if (available) {
            return;
        }
        String message = "no Docker engine answers (start one with scripts/docker-engine)";
        if (required()) {
            Assertions.fail(message + ", and REDIHA_REQUIRE_DOCKER=1 says Docker tests must run");
        }
        Assumptions.abort(message + "; skipping (set REDIHA_REQUIRE_DOCKER=1 to fail instead)");
    }
}
