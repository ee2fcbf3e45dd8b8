package io.rediha.cli.compose;

import io.rediha.cli.Messages;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a compose file into a {@link ComposeProject}: YAML (SnakeYAML, safe constructor), then
 * Compose's variable substitution from the environment and {@code .env}, then the services, then
 * the checks that make it a rediha file (one master, a replica service, a sentinel service).
 */
public final class ComposeReader {
    private final Function<String, String> environment;

    /** A reader that takes variables from this process's environment before {@code .env}. */
    public ComposeReader() {
        this(System::getenv);
    }

    /** A reader with the given environment, which wins over {@code .env} as in Compose. */
    public ComposeReader(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Reads {@code file} as project {@code projectName}; a null name is taken from
     * {@code COMPOSE_PROJECT_NAME} or else the file's directory, as Compose does.
     */
    public ComposeProject read(Path file, String projectName) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new ComposeException(Messages.composeFileMissing(abs), Messages.COMPOSE_FILE_MISSING_HINT);
        }
        Path dir = abs.getParent();
        Map<String, String> dotEnv = DotEnv.read(dir);
        Function<String, String> lookup = name -> {
            String v = environment.apply(name);
            return v != null ? v : dotEnv.get(name);
        };
        String name = projectName;
        if (name == null || name.isBlank()) {
            String fromEnv = lookup.apply("COMPOSE_PROJECT_NAME");
            name = fromEnv != null && !fromEnv.isBlank() ? fromEnv : dir.getFileName().toString();
        }
        String normalized = ComposeProject.normalizeName(name);
        if (normalized.isEmpty()) {
            throw new ComposeException("project name \"" + name + "\" has no letters or digits",
                    "Give one with -p NAME.");
        }
        Map<?, ?> root = load(abs);
        Interpolation interpolation = new Interpolation(lookup);
        @SuppressWarnings("unchecked")
        Map<Object, Object> doc = (Map<Object, Object>) interpolation.apply(root);
        ComposeFile compose = parse(abs, doc, lookup);
        List<String> warnings = new ArrayList<>();
        for (String missing : interpolation.missing()) {
            warnings.add(Messages.variableNotSet(missing));
        }
        ComposeProject project = new ComposeProject(normalized, dir, abs, compose, List.copyOf(warnings));
        checkIsRedihaFile(abs, compose, interpolation);
        return project;
    }

    private static Map<?, ?> load(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try (Reader r = Files.newBufferedReader(file)) {
            Object doc = yaml.load(r);
            if (!(doc instanceof Map<?, ?> map)) {
                throw new ComposeException(file + " is not a compose file: its top level is not a mapping",
                        Messages.GENERATE_HINT);
            }
            return map;
        } catch (IOException e) {
            throw new ComposeException("cannot read " + file + ": " + e.getMessage());
        } catch (YAMLException e) {
            throw new ComposeException(file + " is not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    private static ComposeFile parse(Path file, Map<Object, Object> doc, Function<String, String> lookup) {
        Object services = doc.get("services");
        if (!(services instanceof Map<?, ?> serviceMap) || serviceMap.isEmpty()) {
            throw new ComposeException(Messages.notRedihaFile(file, "it has no services"), Messages.GENERATE_HINT);
        }
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : serviceMap.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> body)) {
                throw new ComposeException("service " + name + " in " + file + " is not a mapping");
            }
            specs.put(name, ServiceParser.parse(name, body, lookup));
        }
        Map<String, ComposeFile.NetworkSpec> networks = new LinkedHashMap<>();
        forEachEntry(doc.get("networks"), (key, body) -> networks.put(key, new ComposeFile.NetworkSpec(key,
                stringOrNull(body.get("name")), stringOrNull(body.get("driver")), isExternal(body))));
        Map<String, ComposeFile.VolumeSpec> volumes = new LinkedHashMap<>();
        forEachEntry(doc.get("volumes"), (key, body) -> volumes.put(key, new ComposeFile.VolumeSpec(key,
                stringOrNull(body.get("name")), stringOrNull(body.get("driver")), isExternal(body))));
        for (ServiceSpec s : specs.values()) {
            for (String net : s.networks().keySet()) {
                if (!networks.containsKey(net) && !ComposeFile.DEFAULT_NETWORK.equals(net)) {
                    throw new ComposeException("service " + s.name() + " uses network " + net
                            + ", which is not declared under networks: in " + file);
                }
            }
            for (ServiceSpec.VolumeMount m : s.volumes()) {
                if (m.kind() == ServiceSpec.VolumeMount.Kind.NAMED && !volumes.containsKey(m.source())) {
                    throw new ComposeException("service " + s.name() + " mounts volume " + m.source()
                            + ", which is not declared under volumes: in " + file);
                }
            }
        }
        return new ComposeFile(Collections.unmodifiableMap(specs), Collections.unmodifiableMap(networks),
                Collections.unmodifiableMap(volumes));
    }

    /** Refuses a file that would start half a cluster, saying which part is missing. */
    private static void checkIsRedihaFile(Path file, ComposeFile compose, Interpolation interpolation) {
        List<ServiceSpec> masters = compose.servicesWithRole(NodeRole.MASTER);
        if (masters.isEmpty()) {
            throw new ComposeException(Messages.notRedihaFile(file,
                    "it has no master service (a service whose command is 'master')"), Messages.GENERATE_HINT);
        }
        if (masters.size() > 1 || masters.get(0).replicas() != 1) {
            throw new ComposeException(Messages.notRedihaFile(file,
                    "it starts more than one master (services with command 'master' must have exactly one container)"),
                    Messages.GENERATE_HINT);
        }
        if (compose.servicesWithRole(NodeRole.REPLICA).isEmpty()) {
            throw new ComposeException(Messages.notRedihaFile(file,
                    "it has no replica service (a service whose command is 'slave')"), Messages.GENERATE_HINT);
        }
        if (compose.servicesWithRole(NodeRole.SENTINEL).isEmpty()) {
            throw new ComposeException(Messages.notRedihaFile(file,
                    "it has no sentinel service (a service whose command is 'sentinel')"), Messages.GENERATE_HINT);
        }
        String password = null;
        boolean first = true;
        for (ServiceSpec s : compose.services().values()) {
            if (s.image() == null || s.image().isBlank()) {
                throw new ComposeException(Messages.notRedihaFile(file, "service " + s.name() + " has no image"),
                        Messages.GENERATE_HINT);
            }
            int port = s.listenPort();
            if (port < 1 || port > 65535) {
                throw new ComposeException("service " + s.name() + " in " + file + ": port " + port
                        + " is not a port (1-65535)");
            }
            // A service that reads its password from a file (REDIS_PASSWORD_FILE) has none here to compare.
            if (!s.role().isDataNode() || s.password() == null && s.env("REDIS_PASSWORD_FILE", null) != null) {
                continue;
            }
            if (!first && !Objects.equals(password, s.password())) {
                throw new ComposeException(Messages.notRedihaFile(file, "services " + compose.masterService().name()
                        + " and " + s.name() + " have different REDIS_PASSWORD values; every node must share one"),
                        Messages.GENERATE_HINT);
            }
            password = s.password();
            first = false;
        }
        for (String var : interpolation.missing()) {
            if (var.toUpperCase().contains("PASSWORD")) {
                throw new ComposeException(Messages.passwordVariableMissing(var, file), Messages.PASSWORD_VARIABLE_HINT);
            }
        }
    }

    private interface EntryConsumer {
        void accept(String key, Map<?, ?> body);
    }

    private static void forEachEntry(Object section, EntryConsumer consumer) {
        if (section instanceof Map<?, ?> map) {
            map.forEach((k, v) -> consumer.accept(String.valueOf(k), v instanceof Map<?, ?> m ? m : Map.of()));
        }
    }

    private static boolean isExternal(Map<?, ?> body) {
        Object ext = body.get("external");
        return Boolean.TRUE.equals(ext) || "true".equals(String.valueOf(ext)) || ext instanceof Map;
    }

    static String stringOrNull(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static Duration durationOrNull(String field, Object o) {
        return o == null ? null : Durations.parse(field, o);
    }
}
