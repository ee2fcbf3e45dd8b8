package io.rediha.cli.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class LocalJdkTest {

    @Test
    void newestUsableJdkHasJlinkAndIsAtLeastEveryOtherCandidate() {
        LocalJdk chosen = LocalJdk.newest();
        assertTrue(Files.isExecutable(chosen.tool("jlink")) && Files.isExecutable(chosen.tool("jdeps")), chosen.toString());
        for (var home : LocalJdk.candidateHomes()) {
            LocalJdk.inspect(home).ifPresent(other -> assertTrue(chosen.version().compareTo(other.version()) >= 0,
                    chosen + " is older than " + other));
        }
    }
}
