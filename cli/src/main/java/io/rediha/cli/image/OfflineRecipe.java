package io.rediha.cli.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Assembles the context of {@code Dockerfile.offline}: everything under {@code rootfs/} becomes
 * the image's file system as it is, so nothing is pulled and nothing is installed at build time.
 */
final class OfflineRecipe {
    /** Debian's busybox-static; the dynamic busybox would need its own libraries. */
    private static final List<Path> BUSYBOX = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

    private OfflineRecipe() {
    }

    record Assembled(BuildContext context, LocalJdk jdk, JlinkRuntime runtime, Set<Path> libraries) {
    }

    static Assembled assemble(RecipeFiles files, Consumer<String> progress) {
        Path jar = files.nodeJar();
        LocalJdk jdk = LocalJdk.newest();
        if (!"gnu".equals(jdk.libc())) {
            throw new ImageBuildException(jdk + " is built for " + jdk.libc() + ", but the offline recipe copies this host's glibc. Set REDIHA_JDK to a glibc JDK.");
        }
        JlinkRuntime runtime = JlinkRuntime.obtain(jdk, jar, files.jlinkCache(), progress);
        Set<Path> libraries = SharedLibraries.of(runtime.home().toAbsolutePath().normalize());
        progress.accept("ldd: the runtime needs " + libraries);
        Path busybox = staticBusybox();

        BuildContext ctx = new BuildContext()
                .file("Dockerfile", files.docker("Dockerfile.offline"), 0644)
                .tree("rootfs/opt/java", runtime.home())
                .file("rootfs/bin/busybox", busybox, 0755)
                .file("rootfs/etc/passwd", files.docker("passwd"), 0644)
                .file("rootfs/etc/group", files.docker("group"), 0644)
                .file("rootfs/etc/nsswitch.conf", files.docker("nsswitch.conf"), 0644)
                .file("rootfs/etc/rediha/redis.conf", files.docker("redis.conf"), 0644)
                .file("rootfs/etc/rediha/sentinel.conf", files.docker("sentinel.conf"), 0644)
                .file("rootfs/opt/rediha/node.jar", jar, 0644)
                .file("rootfs/opt/rediha/healthcheck.sh", files.docker("healthcheck.sh"), 0755)
                .file("rootfs/opt/rediha/make-archive.sh", files.docker("make-archive.sh"), 0755)
                .text("rootfs/opt/rediha/jvm.options", files.jvmOptions(jdk.feature()), 0644)
                .directory("rootfs/tmp", 01777)
                .directory("rootfs/data", 0755);
        for (Path lib : libraries) {
            ctx.file("rootfs" + lib, lib, 0755);
        }
        return new Assembled(ctx, jdk, runtime, libraries);
    }

    private static Path staticBusybox() {
        for (Path p : BUSYBOX) {
            if (Files.isExecutable(p)) {
                Processes.Result ldd = Processes.run(List.of("ldd", p.toString()), java.util.Map.of(), java.time.Duration.ofSeconds(10));
                if (ldd.exitCode() != 0 || ldd.output().contains("statically linked")) {
                    return p;
                }
                throw new ImageBuildException(p + " is dynamically linked. Install Debian's busybox-static (apt-get install busybox-static).");
            }
        }
        throw new ImageBuildException("no busybox found at " + BUSYBOX + ". Install Debian's busybox-static (apt-get install busybox-static).");
    }
}
