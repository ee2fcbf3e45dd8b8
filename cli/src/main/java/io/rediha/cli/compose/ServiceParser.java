package io.rediha.cli.compose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Turns one service's (substituted) YAML map into a {@link ServiceSpec}, in Compose's short and long syntaxes. */
final class ServiceParser {
    private ServiceParser() {
    }

    static ServiceSpec parse(String name, Map<?, ?> body, Function<String, String> lookup) {
        List<String> command = command(name, body.get("command"));
        NodeRole role = role(name, command);
        Map<?, ?> deploy = body.get("deploy") instanceof Map<?, ?> d ? d : Map.of();
        return new ServiceSpec(
                name,
                role,
                ComposeReader.stringOrNull(body.get("image")),
                command,
                environment(name, body.get("environment"), lookup),
                ports(name, body.get("ports")),
                volumes(name, body.get("volumes")),
                networks(body.get("networks")),
                ComposeReader.stringOrNull(body.get("network_mode")),
                replicas(name, body, deploy),
                stringMap(body.get("labels")),
                healthcheck(name, body.get("healthcheck")),
                restart(body, deploy),
                body.get("init") == null ? null : Boolean.valueOf(String.valueOf(body.get("init"))),
                ComposeReader.durationOrNull(name + ".stop_grace_period", body.get("stop_grace_period")),
                ConfigHash.ofService(body));
    }

    private static List<String> command(String service, Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.copyOf(splitShellWords(String.valueOf(value)));
    }

    /** The role is the image's argument; with no command the image starts as master, so only a service named for a role may omit it. */
    private static NodeRole role(String service, List<String> command) {
        String word = command.isEmpty() ? service : command.get(0);
        return NodeRole.fromArgument(word).orElseThrow(() -> new ComposeException(
                "service " + service + ": command '" + String.join(" ", command)
                        + "' is not a rediha role (master, slave, sentinel)",
                "rediha's image takes the role as its command, e.g. command: [\"slave\"]."));
    }

    private static Map<String, String> environment(String service, Object value, Function<String, String> lookup) {
        Map<String, String> env = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? nullToLookup(lookup, k) : scalar(v)));
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                if (eq < 0) {
                    String v = lookup.apply(s);
                    if (v != null) {
                        env.put(s, v);
                    }
                } else {
                    env.put(s.substring(0, eq), s.substring(eq + 1));
                }
            }
        } else if (value != null) {
            throw new ComposeException("service " + service + ": environment must be a mapping or a list");
        }
        return Collections.unmodifiableMap(env);
    }

    private static String nullToLookup(Function<String, String> lookup, Object key) {
        String v = lookup.apply(String.valueOf(key));
        return v == null ? "" : v;
    }

    /** YAML 1.1 turns yes/no into booleans; Compose wants strings in the environment, so booleans print as written. */
    private static String scalar(Object v) {
        return String.valueOf(v);
    }

    private static List<ServiceSpec.PortSpec> ports(String service, Object value) {
        List<ServiceSpec.PortSpec> ports = new ArrayList<>();
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        for (Object item : list) {
            if (item instanceof Map<?, ?> m) {
                Object published = m.get("published");
                ports.add(new ServiceSpec.PortSpec(
                        ComposeReader.stringOrNull(m.get("host_ip")),
                        published == null ? null : port(service, String.valueOf(published)),
                        port(service, String.valueOf(m.get("target"))),
                        m.get("protocol") == null ? "tcp" : String.valueOf(m.get("protocol"))));
            } else {
                ports.add(shortPort(service, String.valueOf(item)));
            }
        }
        return List.copyOf(ports);
    }

    private static ServiceSpec.PortSpec shortPort(String service, String spec) {
        String protocol = "tcp";
        String s = spec;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            protocol = s.substring(slash + 1);
            s = s.substring(0, slash);
        }
        String[] parts = s.split(":", -1);
        return switch (parts.length) {
            case 1 -> new ServiceSpec.PortSpec(null, null, port(service, parts[0]), protocol);
            case 2 -> new ServiceSpec.PortSpec(null, optionalPort(service, parts[0]), port(service, parts[1]), protocol);
            case 3 -> new ServiceSpec.PortSpec(parts[0].isEmpty() ? null : parts[0], optionalPort(service, parts[1]),
                    port(service, parts[2]), protocol);
            default -> throw new ComposeException("service " + service + ": cannot read port \"" + spec + "\"");
        };
    }

    private static Integer optionalPort(String service, String s) {
        return s.isEmpty() ? null : port(service, s);
    }

    private static int port(String service, String s) {
        try {
            int p = Integer.parseInt(s.strip());
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new ComposeException("service " + service + ": \"" + s + "\" is not a port (1-65535; ranges are not supported)");
        }
    }

    private static List<ServiceSpec.VolumeMount> volumes(String service, Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<ServiceSpec.VolumeMount> mounts = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> m) {
                String type = m.get("type") == null ? "volume" : String.valueOf(m.get("type"));
                String source = ComposeReader.stringOrNull(m.get("source"));
                String target = ComposeReader.stringOrNull(m.get("target"));
                boolean ro = Boolean.parseBoolean(String.valueOf(m.get("read_only")));
                if (target == null) {
                    throw new ComposeException("service " + service + ": a volume has no target");
                }
                ServiceSpec.VolumeMount.Kind kind = "bind".equals(type) ? ServiceSpec.VolumeMount.Kind.BIND
                        : source == null ? ServiceSpec.VolumeMount.Kind.ANONYMOUS : ServiceSpec.VolumeMount.Kind.NAMED;
                mounts.add(new ServiceSpec.VolumeMount(kind, source, target, ro));
            } else {
                mounts.add(shortVolume(service, String.valueOf(item)));
            }
        }
        return List.copyOf(mounts);
    }

    private static ServiceSpec.VolumeMount shortVolume(String service, String spec) {
        String[] parts = spec.split(":");
        if (parts.length == 1) {
            return new ServiceSpec.VolumeMount(ServiceSpec.VolumeMount.Kind.ANONYMOUS, null, parts[0], false);
        }
        if (parts.length > 3) {
            throw new ComposeException("service " + service + ": cannot read volume \"" + spec + "\"");
        }
        boolean ro = parts.length == 3 && parts[2].contains("ro");
        String source = parts[0];
        boolean bind = source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
        return new ServiceSpec.VolumeMount(bind ? ServiceSpec.VolumeMount.Kind.BIND : ServiceSpec.VolumeMount.Kind.NAMED,
                source, parts[1], ro);
    }

    private static Map<String, List<String>> networks(Object value) {
        Map<String, List<String>> nets = new LinkedHashMap<>();
        if (value instanceof List<?> list) {
            list.forEach(n -> nets.put(String.valueOf(n), List.of()));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                List<String> aliases = List.of();
                if (v instanceof Map<?, ?> body && body.get("aliases") instanceof List<?> a) {
                    aliases = a.stream().map(String::valueOf).toList();
                }
                nets.put(String.valueOf(k), aliases);
            });
        }
        return Collections.unmodifiableMap(nets);
    }

    private static int replicas(String service, Map<?, ?> body, Map<?, ?> deploy) {
        Object v = deploy.get("replicas");
        if (v == null) {
            v = body.get("scale");
        }
        if (v == null) {
            return 1;
        }
        try {
            int n = Integer.parseInt(String.valueOf(v).strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ComposeException("service " + service + ": replicas \"" + v + "\" is not a count (0 or more)");
        }
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static ServiceSpec.HealthSpec healthcheck(String service, Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            return null;
        }
        boolean disabled = Boolean.parseBoolean(String.valueOf(m.get("disable")));
        Object test = m.get("test");
        List<String> testList;
        if (test instanceof List<?> l) {
            testList = l.stream().map(String::valueOf).toList();
        } else if (test != null) {
            testList = List.of("CMD-SHELL", String.valueOf(test));
        } else {
            testList = List.of();
        }
        if (testList.size() == 1 && "NONE".equals(testList.get(0))) {
            disabled = true;
        }
        Object retries = m.get("retries");
        return new ServiceSpec.HealthSpec(testList,
                ComposeReader.durationOrNull(service + ".healthcheck.interval", m.get("interval")),
                ComposeReader.durationOrNull(service + ".healthcheck.timeout", m.get("timeout")),
                ComposeReader.durationOrNull(service + ".healthcheck.start_period", m.get("start_period")),
                retries == null ? null : Integer.valueOf(String.valueOf(retries)),
                disabled);
    }

    /** {@code restart:} wins; else {@code deploy.restart_policy.condition} mapped to the engine's names. */
    private static String restart(Map<?, ?> body, Map<?, ?> deploy) {
        Object r = body.get("restart");
        if (r != null) {
            // YAML 1.1 reads a bare `no` as false.
            return Boolean.FALSE.equals(r) ? "no" : String.valueOf(r);
        }
        if (deploy.get("restart_policy") instanceof Map<?, ?> policy && policy.get("condition") != null) {
            return switch (String.valueOf(policy.get("condition")).toLowerCase(Locale.ROOT)) {
                case "any" -> "always";
                case "on-failure" -> "on-failure";
                default -> "no";
            };
        }
        return null;
    }

    /** Splits a command string into words the way a shell would for simple quoting ('...' and "..."). */
    static List<String> splitShellWords(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }
}
