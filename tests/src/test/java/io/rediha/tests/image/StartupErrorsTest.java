package io.rediha.tests.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.tests.support.OneShotRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A container that cannot start says why and exits non-zero, so an orchestrator shows the reason. */
class StartupErrorsTest {

    @Test
    void unknownRolePrintsUsageAndExitsTwo() {
        OneShotRun.Outcome run = OneShotRun.run(Map.of(), "primary");
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("Unknown role 'primary'") && run.output().contains("Usage:"), run.output());
    }

    @Test
    void missingPasswordFileNamesTheFileAndExitsThree() {
        OneShotRun.Outcome run = OneShotRun.run(Map.of("REDIS_PASSWORD_FILE", "/run/secrets/redis"), "master");
        assertEquals(3, run.exitCode(), run.output());
        assertTrue(run.output().contains("REDIS_PASSWORD_FILE=/run/secrets/redis: no such file. Mount the secret"), run.output());
    }

    @Test
    void invalidPortNamesTheVariableAsSpelledAndExitsThree() {
        OneShotRun.Outcome run = OneShotRun.run(Map.of("sentinel_port", "0"), "sentinel");
        assertEquals(3, run.exitCode(), run.output());
        assertTrue(run.output().contains("Invalid sentinel_port='0': a port is a number from 1 to 65535"), run.output());
    }
}
