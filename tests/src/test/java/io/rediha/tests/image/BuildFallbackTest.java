package io.rediha.tests.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.rediha.cli.image.DockerEngine;
import io.rediha.cli.image.ImageBuilder;
import io.rediha.cli.image.Recipe;
import io.rediha.cli.image.RecipeFiles;
import io.rediha.tests.support.DockerRequirement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code rediha build} without --offline: the Alpine recipe when its bases can be pulled; otherwise
 * (as on our machines, with no registry) the offline recipe, saying why.
 */
class BuildFallbackTest {

    @Test
    void buildWithoutOfflineFallsBackToTheOfflineRecipeAndSaysSoWhenBasesCannotBePulled() throws Exception {
        DockerRequirement.assumeDockerOrFail();
        String tag = "fallback-" + ProcessHandle.current().pid();
        List<String> progress = new ArrayList<>();
        try (DockerClient docker = DockerEngine.connect()) {
            ImageBuilder.Result result;
            try {
                result = new ImageBuilder(docker, RecipeFiles.check(Path.of(System.getProperty("rediha.root", ".."))), progress::add)
                        .build(new ImageBuilder.Options(false, tag, false, List.of()));
            } finally {
                try {
                    docker.removeImageCmd(ImageBuilder.REPOSITORY + ":" + tag).withForce(true).exec();
                } catch (RuntimeException ignored) {
                    // the build failed before tagging
                }
            }
            if (result.recipe() == Recipe.OFFLINE) {
                assertTrue(progress.stream().anyMatch(l -> l.contains("cannot be pulled")), "says the base cannot be pulled: " + progress);
                assertTrue(progress.stream().anyMatch(l -> l.contains("Building the offline recipe instead")), "says what it does instead: " + progress);
            }
            assertEquals(List.of(ImageBuilder.REPOSITORY + ":" + tag), result.tags());
        }
    }
}
