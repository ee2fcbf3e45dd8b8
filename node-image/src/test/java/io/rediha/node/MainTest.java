package io.rediha.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The role dispatch: scripts and the image entrypoint rely on its exit codes. */
class MainTest {
    @Test
    void unknownRoleIsAUsageErrorNotSuccess() {
        assertEquals(2, Main.run(new String[] {"no-such-role"}));
    }

    @Test
    void versionAndHelpSucceed() {
        assertEquals(0, Main.run(new String[] {"--version"}));
        assertEquals(0, Main.run(new String[] {"help"}));
    }
}
