package io.rediha.cli.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PullResponseItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Builds the node image and tags it {@code rediha/node:<version>} and {@code rediha/node:latest}.
 * The Alpine recipe is tried first unless offline is asked for; when one of its base images is
 * neither present nor pullable, the offline recipe is built instead and the progress says why.
 * Every step reports to the progress consumer, and Docker's own build output is passed through.
 */
public final class ImageBuilder {
    public static final String REPOSITORY = "rediha/node";
    private static final Duration PULL_LIMIT = Duration.ofMinutes(10);

    private final DockerClient docker;
    private final RecipeFiles files;
    private final Consumer<String> progress;

    public ImageBuilder(DockerClient docker, RecipeFiles files, Consumer<String> progress) {
        this.docker = docker;
        this.files = files;
        this.progress = progress;
    }

    /**
     * @param offline   build the offline recipe without trying Alpine
     * @param version   the version tag (rediha/node:<version>)
     * @param tagLatest also tag rediha/node:latest (tests build a private tag and leave latest alone)
     * @param extraTags further NAME[:TAG] references to tag the image with
     */
    public record Options(boolean offline, String version, boolean tagLatest, List<String> extraTags) {
    }

    /**
     * @param jdk              the JDK the runtime was linked from (offline recipe only)
     * @param runtimeFromCache whether the jlink runtime was reused (offline recipe only)
     */
    public record Result(String imageId, Recipe recipe, List<String> tags, long sizeBytes, Duration took,
                         Optional<LocalJdk> jdk, boolean runtimeFromCache) {
    }

    /**
     * @throws ImageBuildException when the image cannot be built, with the reason
     */
    public Result build(Options options) {
        long t0 = System.nanoTime();
        Recipe recipe = options.offline() ? Recipe.OFFLINE : chooseRecipe();
        BuildContext context;
        Optional<LocalJdk> jdk = Optional.empty();
        boolean cached = false;
        if (recipe == Recipe.OFFLINE) {
            OfflineRecipe.Assembled a = OfflineRecipe.assemble(files, progress);
            context = a.context();
            jdk = Optional.of(a.jdk());
            cached = a.runtime().fromCache();
        } else {
            context = AlpineRecipe.assemble(files);
        }
        List<String> tags = tags(options);
        Optional<String> previous = imageId(tags.get(0));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("io.rediha.recipe", recipe.label());
        labels.put("org.opencontainers.image.version", options.version());
        jdk.ifPresent(j -> labels.put("io.rediha.jdk", j.version().toString()));
        String id = buildFromContext(context, recipe, tags, labels);
        previous.filter(old -> !old.equals(id)).ifPresent(this::removeIfUntagged);
        long size = Optional.ofNullable(docker.inspectImageCmd(id).exec().getSize()).orElse(0L);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        progress.accept(String.format("Built %s (%s recipe, %.1f MB) in %.1f s", String.join(", ", tags), recipe.label(),
                size / 1e6, took.toMillis() / 1000.0));
        return new Result(id, recipe, tags, size, took, jdk, cached);
    }

    /** Alpine when both its bases are here or can be pulled; otherwise offline, saying why. */
    private Recipe chooseRecipe() {
        for (String base : AlpineRecipe.baseImages(files)) {
            Optional<String> problem = ensurePresent(base);
            if (problem.isPresent()) {
                progress.accept("The Alpine recipe's base image " + base + " cannot be pulled (" + problem.get() + ").");
                progress.accept("Building the offline recipe instead: FROM scratch, with a runtime from this machine's JDK.");
                return Recipe.OFFLINE;
            }
        }
        return Recipe.ALPINE;
    }

    /** Empty when the image is present (pulling it if needed), else why it is not. */
    private Optional<String> ensurePresent(String image) {
        if (imageId(image).isPresent()) {
            return Optional.empty();
        }
        progress.accept("Pulling " + image + " ...");
        int colon = image.lastIndexOf(':');
        boolean hasTag = colon > image.lastIndexOf('/');
        String repo = hasTag ? image.substring(0, colon) : image;
        String tag = hasTag ? image.substring(colon + 1) : "latest";
        try {
            boolean done = docker.pullImageCmd(repo).withTag(tag).exec(new PullImageResultCallback() {
                @Override
                public void onNext(PullResponseItem item) {
                    if (item.getId() == null && item.getStatus() != null) {
                        progress.accept("  " + item.getStatus());
                    }
                    super.onNext(item);
                }
            }).awaitCompletion(PULL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            return done ? Optional.empty() : Optional.of("no answer within " + PULL_LIMIT.toMinutes() + " minutes");
        } catch (DockerException | DockerClientException e) {
            return Optional.of(DockerEngine.rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private String buildFromContext(BuildContext context, Recipe recipe, List<String> tags, Map<String, String> labels) {
        Path tar = null;
        try {
            tar = Files.createTempFile("rediha-build-", ".tar");
            long bytes;
            try (OutputStream out = Files.newOutputStream(tar)) {
                bytes = context.writeTo(out);
            }
            progress.accept(String.format("Sending a %.1f MB build context (%s) to the engine", bytes / 1e6, recipe.dockerfile()));
            try (InputStream in = Files.newInputStream(tar)) {
                return docker.buildImageCmd()
                        .withTarInputStream(in)
                        .withTags(new LinkedHashSet<>(tags))
                        .withLabels(labels)
                        // Bases are present already (checked or pulled above); the offline recipe has none.
                        .withPull(false)
                        .withRemove(true)
                        // A failed step must not leave its container behind.
                        .withForcerm(true)
                        .exec(new ProgressCallback())
                        .awaitImageId();
            }
        } catch (DockerClientException | DockerException e) {
            throw new ImageBuildException("the " + recipe.label() + " image build failed: " + DockerEngine.rootMessage(e), e);
        } catch (IOException e) {
            throw new ImageBuildException("cannot write the build context: " + e.getMessage(), e);
        } finally {
            if (tar != null) {
                try {
                    Files.deleteIfExists(tar);
                } catch (IOException ignored) {
                    // a temp file left in /tmp is harmless
                }
            }
        }
    }

    private static List<String> tags(Options options) {
        Set<String> tags = new LinkedHashSet<>();
        tags.add(REPOSITORY + ":" + options.version());
        if (options.tagLatest()) {
            tags.add(REPOSITORY + ":latest");
        }
        tags.addAll(options.extraTags());
        return new ArrayList<>(tags);
    }

    private Optional<String> imageId(String reference) {
        try {
            return Optional.ofNullable(docker.inspectImageCmd(reference).exec()).map(InspectImageResponse::getId);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The image this build replaced, once no tag points at it any more (a container still using it keeps it). */
    private void removeIfUntagged(String id) {
        try {
            List<String> tags = docker.inspectImageCmd(id).exec().getRepoTags();
            if (tags == null || tags.isEmpty()) {
                docker.removeImageCmd(id).exec();
                progress.accept("Removed the previous image " + id.substring(0, Math.min(19, id.length())));
            }
        } catch (DockerException e) {
            // in use by a container, or gone already: leave it
        }
    }

    /** Passes Docker's build output through, line by line. */
    private final class ProgressCallback extends BuildImageResultCallback {
        @Override
        public void onNext(BuildResponseItem item) {
            if (item.getStream() != null) {
                item.getStream().lines().map(String::stripTrailing).filter(l -> !l.isBlank()).forEach(l -> progress.accept("  " + l));
            }
            super.onNext(item);
        }
    }
}
