package io.rediha.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        Summary.Stats s = Summary.Stats.of(Arrays.asList(3000.0, 1000.0, 2000.0));

        assertEquals(3, s.samples());
        assertEquals(1000.0, s.min());
        assertEquals(2000.0, s.median());
        assertEquals(3000.0, s.max());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(1500.5, Summary.Stats.of(Arrays.asList(1000.0, 2001.0)).median());
    }

    @Test
    void roundsWithoutAMeasureAreLeftOut() {
        Summary.Stats s = Summary.Stats.of(Arrays.asList(null, 7.0, null));

        assertEquals(1, s.samples());
        assertEquals(7.0, s.median());
    }

    @Test
    void noMeasureAtAllGivesNoNumbers() {
        Summary.Stats s = Summary.Stats.of(Arrays.asList(null, null));

        assertEquals(0, s.samples());
        assertNull(s.min());
        assertNull(s.median());
        assertNull(s.max());
    }
}
