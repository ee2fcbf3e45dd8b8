package io.rediha.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -f/--file} and {@code -p/--project-name}, with Compose's defaults. */
public final class ComposeOptions {
    public static final String DEFAULT_FILE = "docker-compose.yml";

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Compose file (default: ${DEFAULT-VALUE} in the working directory).",
            defaultValue = DEFAULT_FILE)
    Path file = Path.of(DEFAULT_FILE);

    @Option(names = {"-p", "--project-name"}, paramLabel = "NAME",
            description = "Project name, the prefix of every container, network and volume"
                    + " (default: COMPOSE_PROJECT_NAME, else the compose file's directory name).")
    String projectName;

    public Path file() {
        return file.toAbsolutePath().normalize();
    }

    /** True when the user named no file, so a missing default may be generated. */
    public boolean isDefaultFile() {
        return file.toString().equals(DEFAULT_FILE);
    }

    /** The name given with -p, or null. */
    public String projectName() {
        return projectName;
    }
}
