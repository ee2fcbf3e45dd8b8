package io.rediha.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateEngineTest {

    @Test
    void variablesAreReplacedVerbatim() {
        String out = TemplateEngine.render("t", "port: \"{{port}}\" name: {{ name }}\n",
                Map.of("port", 6379, "name", "a:b"));
        assertEquals("port: \"6379\" name: a:b\n", out);
    }

    @Test
    void listSectionRepeatsPerItemAndStandaloneTagLinesVanish() {
        String template = "services:\n{{#nodes}}\n  node{{number}}: {{port}} {{image}}\n{{/nodes}}\nend\n";
        String out = TemplateEngine.render("t", template, Map.of("image", "img",
                "nodes", List.of(Map.of("number", 1, "port", 10), Map.of("number", 2, "port", 12))));
        assertEquals("services:\n  node1: 10 img\n  node2: 12 img\nend\n", out);
    }

    @Test
    void inlineListSectionKeepsItsLine() {
        String out = TemplateEngine.render("t", "ports: a{{#p}}, {{n}}{{/p}}.\n",
                Map.of("p", List.of(Map.of("n", 1), Map.of("n", 2))));
        assertEquals("ports: a, 1, 2.\n", out);
    }

    @Test
    void booleanAndInvertedSectionsChooseABlock() {
        String template = "{{#on}}\nyes-block\n{{/on}}\n{{^on}}\nno-block\n{{/on}}\n";
        assertEquals("yes-block\n", TemplateEngine.render("t", template, Map.of("on", true)));
        assertEquals("no-block\n", TemplateEngine.render("t", template, Map.of("on", false)));
        assertEquals("no-block\n", TemplateEngine.render("t", template.replace("on", "xs"), Map.of("xs", List.of())));
    }

    @Test
    void commentsDisappearWithTheirLines() {
        String out = TemplateEngine.render("t", "{{! a comment\n  over lines }}\na: 1\n", Map.of());
        assertEquals("a: 1\n", out);
    }

    @Test
    void unknownPlaceholderNamesTemplateLineAndKnownNames() {
        var e = assertThrows(TemplateEngine.TemplateException.class,
                () -> TemplateEngine.render("compose.yml", "a: 1\nb: {{replica_prot}}\n", Map.of("replica_port", 1)));
        assertTrue(e.getMessage().contains("compose.yml line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("{{replica_prot}}"), e.getMessage());
        assertTrue(e.getMessage().contains("replica_port"), e.getMessage());
    }

    @Test
    void unclosedAndMismatchedSectionsAreErrors() {
        var unclosed = assertThrows(TemplateEngine.TemplateException.class,
                () -> TemplateEngine.render("t", "x\n{{#a}}\n", Map.of("a", true)));
        assertTrue(unclosed.getMessage().contains("line 2") && unclosed.getMessage().contains("never closed"),
                unclosed.getMessage());
        var mismatched = assertThrows(TemplateEngine.TemplateException.class,
                () -> TemplateEngine.render("t", "{{#a}}{{/b}}", Map.of("a", true)));
        assertTrue(mismatched.getMessage().contains("{{/b}} closes nothing"), mismatched.getMessage());
    }

    @Test
    void composeInterpolationPassesThroughUntouched() {
        String out = TemplateEngine.render("t", "p: \"${REDIHA_PASSWORD:?x}\" r: $${stack_name}\n", Map.of());
        assertEquals("p: \"${REDIHA_PASSWORD:?x}\" r: $${stack_name}\n", out);
    }
}
