package io.rediha.cli.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Checks a rendered file before it is written, so that a mistake in a (user's) template is reported
 * by rediha, naming the template, instead of by docker-compose later. It checks what a template can
 * get wrong without noticing: the YAML must parse, hold a {@code services} map with a {@code master},
 * and no environment or label value may be a YAML 1.1 boolean, since docker-compose 1.29 reads a bare
 * {@code yes}, {@code no}, {@code on} or {@code off} as one and rejects it.
 */
final class RenderedFileCheck {

    private RenderedFileCheck() {
    }

    /** @throws GenerateException listing every problem found */
    static void check(String origin, String text) {
        Object root;
        try {
            root = new Yaml().load(text);
        } catch (YAMLException e) {
            throw new GenerateException("the template " + origin + " rendered a file that is not valid YAML: "
                    + e.getMessage().replace('\n', ' '), e);
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("services") instanceof Map<?, ?> services)) {
            throw new GenerateException("the template " + origin + " rendered no 'services' map.");
        }
        List<String> problems = new ArrayList<>();
        if (!services.containsKey("master")) {
            problems.add("there is no 'master' service");
        }
        for (Map.Entry<?, ?> service : services.entrySet()) {
            if (service.getValue() instanceof Map<?, ?> body) {
                findBooleans("services." + service.getKey() + ".environment", body.get("environment"), problems);
                findBooleans("services." + service.getKey() + ".labels", body.get("labels"), problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new GenerateException("the template " + origin + " rendered a file docker-compose would reject: "
                    + String.join("; ", problems) + ".");
        }
    }

    private static void findBooleans(String path, Object section, List<String> problems) {
        if (section instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (value instanceof Boolean) {
                    problems.add(path + "." + key + " is a bare yes/no/on/off/true/false; quote it");
                }
            });
        }
    }
}
