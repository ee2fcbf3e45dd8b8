package io.rediha.cli.image;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The context of {@code Dockerfile.alpine}: the recipe folder's files plus the node jar. */
final class AlpineRecipe {
    private AlpineRecipe() {
    }

    static BuildContext assemble(RecipeFiles files) {
        return new BuildContext()
                .file("Dockerfile", files.docker("Dockerfile.alpine"), 0644)
                .file("node.jar", files.nodeJar(), 0644)
                // The Alpine stage always jlinks a JDK 25.
                .text("jvm.options", files.jvmOptions(25), 0644)
                .file("healthcheck.sh", files.docker("healthcheck.sh"), 0755)
                .file("make-archive.sh", files.docker("make-archive.sh"), 0755)
                .file("redis.conf", files.docker("redis.conf"), 0644)
                .file("sentinel.conf", files.docker("sentinel.conf"), 0644);
    }

    /** The images the Dockerfile's FROM lines name (stage names excluded). */
    static List<String> baseImages(RecipeFiles files) {
        List<String> bases = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(files.docker("Dockerfile.alpine"))) {
                String[] w = line.strip().split("\\s+");
                if (w.length >= 2 && w[0].equalsIgnoreCase("FROM")) {
                    if (!stages.contains(w[1].toLowerCase(Locale.ROOT))) {
                        bases.add(w[1]);
                    }
                    if (w.length >= 4 && w[2].equalsIgnoreCase("AS")) {
                        stages.add(w[3].toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (IOException e) {
            throw new ImageBuildException("cannot read " + files.docker("Dockerfile.alpine") + ": " + e.getMessage(), e);
        }
        return bases;
    }
}
