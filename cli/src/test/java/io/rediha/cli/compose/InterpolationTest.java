package io.rediha.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolationTest {
    private final Map<String, String> vars = Map.of("A", "1", "EMPTY", "");

    @Test
    void substitutesEveryComposeForm() {
        Interpolation i = new Interpolation(vars::get);

        assertEquals("1-1", i.substitute("$A-${A}"));
        assertEquals("d", i.substitute("${EMPTY:-d}"), ":- applies to empty values");
        assertEquals("", i.substitute("${EMPTY-d}"), "- applies only to unset values");
        assertEquals("d", i.substitute("${UNSET-d}"));
        assertEquals("$A", i.substitute("$$A"), "$$ is a literal dollar");
        assertEquals("cost: 5$", i.substitute("cost: 5$"), "a trailing dollar stays");
    }

    @Test
    void anUnsetVariableBecomesEmptyAndIsReported() {
        Interpolation i = new Interpolation(vars::get);

        assertEquals("x=", i.substitute("x=${NOPE}"));
        assertEquals(List.of("NOPE"), List.copyOf(i.missing()));
    }

    @Test
    void aRequiredVariableThatIsUnsetStopsWithItsMessage() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> new Interpolation(vars::get).substitute("${NEED:?set NEED to the cache size}"));

        assertTrue(e.getMessage().contains("NEED is not set: set NEED to the cache size"), e.getMessage());
    }

    @Test
    void anUnclosedBraceIsAFormatError() {
        ComposeException e = assertThrows(ComposeException.class, () -> new Interpolation(vars::get).substitute("${A"));

        assertTrue(e.getMessage().contains("missing '}'"), e.getMessage());
    }
}
