package io.rediha.cli.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a target's template: in the directory the user named with {@code --templates}, or else in
 * the jar, where the build copies the repository's {@code templates/} folder. An override directory
 * must hold the target's file: silently falling back to the built-in one would hide a misnamed file.
 */
public final class Templates {

    /** Where the build puts the repository's templates/ folder inside the jar. */
    static final String CLASSPATH_DIR = "/templates/";

    private Templates() {
    }

    /** A template's text and where it came from (for messages). */
    public record Template(String origin, String text) {
    }

    /**
     * @param overrideDir the {@code --templates} directory, or null for the built-in templates
     * @throws GenerateException when the template is missing
     */
    public static Template load(Target target, Path overrideDir) {
        String file = target.templateFile();
        if (overrideDir != null) {
            Path path = overrideDir.resolve(file);
            if (!Files.isRegularFile(path)) {
                throw new GenerateException("no template for target " + target + " in " + overrideDir
                        + ": expected the file " + path + " (start from a copy of the built-in templates/" + file + ").");
            }
            try {
                return new Template(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new GenerateException("cannot read the template " + path + ": " + e.getMessage(), e);
            }
        }
        try (InputStream in = Templates.class.getResourceAsStream(CLASSPATH_DIR + file)) {
            if (in == null) {
                throw new GenerateException("the built-in template templates/" + file + " is missing from the rediha"
                        + " jar; rebuild it (mvn -pl cli -am package) or pass --templates DIR.");
            }
            return new Template("templates/" + file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
