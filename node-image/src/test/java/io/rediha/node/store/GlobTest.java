package io.rediha.node.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Glob patterns as Redis matches them, and the guard against patterns built to take exponential
 * time (Redis's own suite sends one: many "a*" groups against a long run of "a" ending badly).
 */
class GlobTest {

    @Test
    void matchesAsRedisDoes() {
        String[][] cases = {
            {"*", "anything", "1"}, {"h?llo", "hello", "1"}, {"h?llo", "hllo", "0"}, {"h*llo", "heeeello", "1"},
            {"h[ae]llo", "hallo", "1"}, {"h[^e]llo", "hello", "0"}, {"h[a-b]llo", "hbllo", "1"},
            {"h[b-a]llo", "hallo", "1"}, {"h\\*llo", "h*llo", "1"}, {"h\\*llo", "hello", "0"},
            {"[\\]]", "]", "1"}, {"a*b*c", "aXXbYYc", "1"}, {"a*b*c", "aXXbYY", "0"}, {"", "", "1"}, {"**", "", "1"},
        };
        for (String[] c : cases) {
            assertEquals(c[2].equals("1"), Glob.matches(c[0], c[1], false), c[0] + " vs " + c[1]);
        }
        assertEquals(true, Glob.matches("HELLO*", "hello world", true));
    }

    @Test
    void aPatternOfManyStarsFailsQuickly() {
        String pattern = "a*".repeat(60) + "b";
        String subject = "a".repeat(60_000) + "c";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFalse(Glob.matches(pattern, subject, false)));
    }
}
