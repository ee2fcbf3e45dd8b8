package io.rediha.tests.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Image;
import io.rediha.cli.image.DockerEngine;
import io.rediha.cli.image.ImageBuilder;
import io.rediha.cli.image.RecipeFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The node image for end-to-end tests, built once per test JVM with the same {@link ImageBuilder}
 * {@code rediha build --offline} uses (so the tests exercise the real recipe, and nothing is
 * pulled). It gets a tag private to this JVM, {@code rediha/node:test-<pid>}, so parallel test runs
 * and a user's own {@code rediha/node:latest} are never touched, and it is removed when the JVM
 * exits. Tags left by JVMs that were killed are removed before the next build.
 */
public final class NodeImage {
    private static final String TAG_PREFIX = "test-";
    private static String reference;

    private NodeImage() {
    }

    /** The image reference, building the image on first use. Skips or fails the test without Docker. */
    public static synchronized String reference() {
        DockerRequirement.assumeDockerOrFail();
        if (reference == null) {
            reference = build();
        }
        return reference;
    }

    private static String build() {
        Path root = Path.of(System.getProperty("rediha.root", "..")).toAbsolutePath().normalize();
        String version = TAG_PREFIX + ProcessHandle.current().pid();
        DockerClient docker = DockerEngine.connect();
        removeTagsOfDeadJvms(docker);
        long t0 = System.nanoTime();
        ImageBuilder.Result result = new ImageBuilder(docker, RecipeFiles.check(root), line -> {
            if (!line.startsWith("  ")) {
                System.out.println("[NodeImage] " + line);
            }
        }).build(new ImageBuilder.Options(true, version, false, List.of()));
        System.out.printf("[NodeImage] %s ready in %.1f s%n", result.tags().get(0), (System.nanoTime() - t0) / 1e9);
        String ref = result.tags().get(0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(docker, ref), "remove-" + ref));
        return ref;
    }

    private static void removeTagsOfDeadJvms(DockerClient docker) {
        for (Image image : docker.listImagesCmd().withImageNameFilter(ImageBuilder.REPOSITORY).exec()) {
            for (String tag : Optional.ofNullable(image.getRepoTags()).orElse(new String[0])) {
                String suffix = tag.substring(tag.lastIndexOf(':') + 1);
                if (suffix.startsWith(TAG_PREFIX) && suffix.substring(TAG_PREFIX.length()).matches("\\d+")
                        && ProcessHandle.of(Long.parseLong(suffix.substring(TAG_PREFIX.length()))).isEmpty()) {
                    remove(docker, tag);
                }
            }
        }
    }

    private static void remove(DockerClient docker, String ref) {
        try {
            docker.removeImageCmd(ref).withForce(true).exec();
        } catch (DockerException | IllegalStateException e) {
            // already gone, or the engine went away at shutdown: nothing else to do
        }
    }
}
