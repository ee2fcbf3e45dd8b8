package io.rediha.tests.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * For tests only: an image with rediha/node's role-and-environment contract on Debian's reference
 * redis-server (see standin-entrypoint.sh), built FROM scratch from this machine's binaries and the
 * libraries ldd names, plus static busybox for the shell. It lets the CLI's Docker runtime be tested
 * independently of our own node image; it is never part of the product.
 */
final class StandInImage {
    static final String TAG = "rediha-test/standin:local";

    private StandInImage() {
    }

    static boolean buildable() {
        return Files.isExecutable(Path.of("/usr/bin/redis-server")) && Files.isExecutable(Path.of("/bin/busybox"));
    }

    /** Builds the image unless it is already there; returns its tag. */
    static String ensure(DockerClient docker) throws IOException, InterruptedException {
        try {
            docker.inspectImageCmd(TAG).exec();
            return TAG;
        } catch (NotFoundException e) {
            // build it
        }
        Path ctx = Files.createTempDirectory("rediha-standin-");
        try {
            copy(Path.of("/bin/busybox"), ctx);
            copy(Path.of("/usr/bin/redis-server"), ctx);
            for (Path lib : libraries(Path.of("/usr/bin/redis-server"))) {
                copy(lib, ctx);
            }
            Files.createDirectories(ctx.resolve("data"));
            Files.createDirectories(ctx.resolve("tmp"));
            try (InputStream in = StandInImage.class.getResourceAsStream("standin-entrypoint.sh")) {
                Files.copy(in, ctx.resolve("entrypoint.sh"));
            }
            Files.writeString(ctx.resolve("Dockerfile"), """
                    FROM scratch
                    COPY . /
                    RUN ["/bin/busybox", "--install", "-s", "/bin"]
                    VOLUME /data
                    ENTRYPOINT ["/bin/sh", "/entrypoint.sh"]
                    CMD ["master"]
                    """);
            docker.buildImageCmd(ctx.toFile()).withTags(Set.of(TAG)).withPull(false).withForcerm(true)
                    .exec(new BuildImageResultCallback()).awaitImageId(120, TimeUnit.SECONDS);
            return TAG;
        } finally {
            try (Stream<Path> walk = Files.walk(ctx)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void copy(Path file, Path ctx) throws IOException {
        Path target = ctx.resolve(file.toString().substring(1));
        Files.createDirectories(target.getParent());
        Files.copy(file.toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The shared libraries ldd names for a binary, including the dynamic loader. */
    static Set<Path> libraries(Path binary) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        Set<Path> libs = new LinkedHashSet<>();
        for (String line : out.split("\n")) {
            String l = line.strip();
            int arrow = l.indexOf("=> /");
            String path = arrow >= 0 ? l.substring(arrow + 3) : l.startsWith("/") ? l : null;
            if (path != null) {
                libs.add(Path.of(path.split("\\s+")[0]));
            }
        }
        return libs;
    }
}
