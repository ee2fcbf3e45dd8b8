package io.rediha.cli.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedLibrariesTest {

    @Test
    void runningJvmNeedsLibcAndTheLoaderAndNothingOfItsOwnIsListed() {
        Path javaHome = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
        Set<Path> libs = SharedLibraries.of(javaHome);
        assertTrue(libs.stream().anyMatch(p -> p.getFileName().toString().startsWith("libc.so")), "libc: " + libs);
        assertTrue(libs.stream().anyMatch(p -> p.getFileName().toString().startsWith("ld-linux")), "the dynamic loader: " + libs);
        assertTrue(libs.stream().noneMatch(p -> p.startsWith(javaHome)), "libraries inside the runtime are not host libraries: " + libs);
        assertTrue(libs.stream().allMatch(Files::isRegularFile), "every path exists on the host: " + libs);
    }
}
