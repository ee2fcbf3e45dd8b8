package io.rediha.cli.generate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a checked {@link ClusterSpec} into the text of a compose file: it computes the values a
 * template may use (listed in {@code templates/README.md}), renders the target's template and checks
 * the result. It writes nothing; {@code GenerateCommand} does, and {@code rediha up} can call
 * {@link #render} to make a default file.
 */
public final class ComposeGenerator {

    private ComposeGenerator() {
    }

    /**
     * @param templatesDir the {@code --templates} directory, or null for the built-in templates
     * @param fileName     the output's file name, which headers quote in their start instructions
     * @throws GenerateException when the template is missing, broken, or renders an unusable file
     */
    public static String render(ClusterSpec spec, Path templatesDir, String fileName) {
        Templates.Template template = Templates.load(spec.target(), templatesDir);
        String text;
        try {
            text = TemplateEngine.render(template.origin(), template.text(), values(spec, fileName));
        } catch (TemplateEngine.TemplateException e) {
            throw new GenerateException(e.getMessage(), e);
        }
        RenderedFileCheck.check(template.origin(), text);
        return text;
    }

    /** The values a template can refer to; the names are the template contract. */
    static Map<String, Object> values(ClusterSpec spec, String fileName) {
        PortPlan ports = PortPlan.of(spec);
        boolean hostNetwork = spec.network() == NetworkMode.HOST;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("target", spec.target().id());
        v.put("generate_command", spec.toCommandLine());
        v.put("file_name", fileName);
        v.put("image", spec.image());
        v.put("master_name", spec.masterName());
        v.put("replicas", spec.replicas());
        v.put("sentinels", spec.sentinels());
        v.put("quorum", spec.quorum());
        v.put("down_after_ms", spec.downAfterMillis());
        v.put("failover_timeout_ms", spec.failoverTimeoutMillis());
        v.put("parallel_syncs", spec.parallelSyncs());
        v.put("master_port", spec.masterPort());
        v.put("replica_port", spec.replicaPort());
        v.put("sentinel_port", spec.sentinelPort());
        v.put("announce_ip", spec.announceIp());
        // With host networking there are no service names: nodes meet at the announced address.
        v.put("master_host", hostNetwork ? spec.announceIp() : "master");
        v.put("sentinel_addresses", hostNetwork
                ? ports.sentinels().stream().map(p -> spec.announceIp() + ":" + p).collect(Collectors.joining(","))
                : "sentinel:" + spec.sentinelPort());
        v.put("replica_list", numbered(ports.replicas()));
        v.put("sentinel_list", numbered(ports.sentinels()));
        return v;
    }

    private static List<Map<String, Object>> numbered(List<Integer> ports) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            items.add(Map.of("number", i + 1, "port", ports.get(i)));
        }
        return items;
    }
}
