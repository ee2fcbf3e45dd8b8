package io.rediha.cli.generate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately tiny Mustache-like template language, enough for compose files and small enough
 * to learn from {@code templates/README.md} in a minute:
 * <ul>
 *   <li>{@code {{name}}} is replaced by the value, verbatim (no escaping: YAML quoting is the
 *       template's job, so the template shows exactly what the file will hold);</li>
 *   <li>{@code {{#name}}...{{/name}}} repeats the block once per item when the value is a list of
 *       maps (an item's keys hide outer ones), or keeps it once when the value is {@code true};</li>
 *   <li>{@code {{^name}}...{{/name}}} keeps the block only when the value is false or an empty list;</li>
 *   <li>{@code {{! text }}} is a comment and disappears.</li>
 * </ul>
 * A section or comment tag alone on its line removes the whole line, so blocks leave no blank
 * lines behind. Unknown names and unbalanced sections fail with the template name and line:
 * a typo in a user's template must never turn into a silently empty value.
 */
public final class TemplateEngine {

    private static final Pattern TAG = Pattern.compile("\\{\\{\\s*([#^/!]?)\\s*(.*?)\\s*}}", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private TemplateEngine() {
    }

    /** Thrown for a template that cannot be rendered; the message names template, line and cause. */
    public static final class TemplateException extends RuntimeException {
        public TemplateException(String message) {
            super(message);
        }
    }

    /**
     * Renders {@code source} with {@code values}: strings and numbers for variables, booleans and
     * lists of maps for sections.
     *
     * @param templateName used only in error messages, e.g. {@code compose.yml}
     * @throws TemplateException on unknown names, bad tags or unbalanced sections
     */
    public static String render(String templateName, String source, Map<String, ?> values) {
        List<Node> nodes = parse(templateName, source);
        StringBuilder out = new StringBuilder(source.length() * 2);
        Deque<Map<String, ?>> scopes = new ArrayDeque<>();
        scopes.push(values);
        renderNodes(templateName, nodes, scopes, out);
        return out.toString();
    }

    private sealed interface Node permits Text, Variable, Section {
    }

    private record Text(String text) implements Node {
    }

    private record Variable(String name, int line) implements Node {
    }

    private record Section(String name, boolean inverted, int line, List<Node> children) implements Node {
    }

    private static List<Node> parse(String templateName, String source) {
        List<Node> root = new ArrayList<>();
        Deque<List<Node>> open = new ArrayDeque<>();
        Deque<Section> openSections = new ArrayDeque<>();
        open.push(root);
        Matcher m = TAG.matcher(source);
        int pos = 0;
        while (m.find()) {
            String kind = m.group(1);
            String name = m.group(2);
            int start = m.start();
            int end = m.end();
            int line = lineOf(source, start);
            if (!kind.isEmpty()) {
                // Standalone rule: a section or comment tag alone on its line takes the line with it.
                int lineStart = source.lastIndexOf('\n', start - 1) + 1;
                int lineEnd = source.indexOf('\n', end);
                int afterLine = lineEnd < 0 ? source.length() : lineEnd + 1;
                boolean blankBefore = source.substring(lineStart, start).isBlank();
                boolean blankAfter = source.substring(end, lineEnd < 0 ? source.length() : lineEnd).isBlank();
                if (blankBefore && blankAfter) {
                    start = lineStart;
                    end = afterLine;
                }
            }
            if (start > pos) {
                open.peek().add(new Text(source.substring(pos, start)));
            }
            pos = Math.max(pos, end);
            if (kind.equals("!")) {
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                throw new TemplateException(templateName + " line " + line + ": bad placeholder {{" + kind + name
                        + "}}; names are lowercase letters, digits and _");
            }
            switch (kind) {
                case "" -> open.peek().add(new Variable(name, line));
                case "#", "^" -> {
                    Section s = new Section(name, kind.equals("^"), line, new ArrayList<>());
                    open.peek().add(s);
                    open.push(s.children());
                    openSections.push(s);
                }
                case "/" -> {
                    if (openSections.isEmpty() || !openSections.peek().name().equals(name)) {
                        String expected = openSections.isEmpty() ? "no open section"
                                : "{{/" + openSections.peek().name() + "}} for the section opened on line "
                                + openSections.peek().line();
                        throw new TemplateException(templateName + " line " + line + ": {{/" + name
                                + "}} closes nothing (expected " + expected + ")");
                    }
                    openSections.pop();
                    open.pop();
                }
                default -> throw new IllegalStateException(kind);
            }
        }
        if (!openSections.isEmpty()) {
            Section s = openSections.peek();
            throw new TemplateException(templateName + " line " + s.line() + ": {{" + (s.inverted() ? "^" : "#")
                    + s.name() + "}} is never closed with {{/" + s.name() + "}}");
        }
        if (pos < source.length()) {
            root.add(new Text(source.substring(pos)));
        }
        return root;
    }

    private static void renderNodes(String templateName, List<Node> nodes, Deque<Map<String, ?>> scopes,
                                    StringBuilder out) {
        for (Node node : nodes) {
            if (node instanceof Text t) {
                out.append(t.text());
            } else if (node instanceof Variable v) {
                Object value = lookup(templateName, v.name(), v.line(), scopes);
                if (value instanceof List<?> || value instanceof Boolean) {
                    throw new TemplateException(templateName + " line " + v.line() + ": {{" + v.name()
                            + "}} is a section value; use {{#" + v.name() + "}}...{{/" + v.name() + "}}");
                }
                out.append(value);
            } else {
                renderSection(templateName, (Section) node, scopes, out);
            }
        }
    }

    private static void renderSection(String templateName, Section s, Deque<Map<String, ?>> scopes,
                                      StringBuilder out) {
        Object value = lookup(templateName, s.name(), s.line(), scopes);
        boolean truthy = value instanceof List<?> list ? !list.isEmpty()
                : value instanceof Boolean b ? b
                : value != null && !value.toString().isEmpty();
        if (s.inverted()) {
            if (!truthy) {
                renderNodes(templateName, s.children(), scopes, out);
            }
            return;
        }
        if (!truthy) {
            return;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> map)) {
                    throw new TemplateException(templateName + " line " + s.line() + ": items of {{#" + s.name()
                            + "}} must be maps, got " + item);
                }
                @SuppressWarnings("unchecked")
                Map<String, ?> scope = (Map<String, ?>) map;
                scopes.push(scope);
                try {
                    renderNodes(templateName, s.children(), scopes, out);
                } finally {
                    scopes.pop();
                }
            }
        } else {
            renderNodes(templateName, s.children(), scopes, out);
        }
    }

    private static Object lookup(String templateName, String name, int line, Deque<Map<String, ?>> scopes) {
        for (Map<String, ?> scope : scopes) {
            if (scope.containsKey(name)) {
                return scope.get(name);
            }
        }
        TreeSet<String> known = new TreeSet<>();
        scopes.forEach(scope -> known.addAll(scope.keySet()));
        throw new TemplateException(templateName + " line " + line + ": unknown placeholder {{" + name
                + "}}; known here: " + String.join(", ", known));
    }

    private static int lineOf(String source, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
