package dev.encore.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Against the worked examples of Newcombe (1998), Statistics in Medicine 17: 857-872 and 873-890. */
class ProportionIntervalTest {
    @Test
    void wilsonMatchesNewcombesExamples() {
        ProportionInterval ci = ProportionInterval.wilson(81, 263, ProportionInterval.Z95);
        assertEquals(0.2553, ci.low(), 5e-5);
        assertEquals(0.3662, ci.high(), 5e-5);
        ProportionInterval none = ProportionInterval.wilson(0, 10, ProportionInterval.Z95);
        assertEquals(0, none.low(), 1e-12);
        assertEquals(0.2775, none.high(), 5e-5);
    }

    @Test
    void theDifferenceMatchesNewcombesMethodTen() {
        ProportionInterval d = ProportionInterval.difference(56, 70, 48, 80, ProportionInterval.Z95);
        assertEquals(0.0524, d.low(), 5e-5);
        assertEquals(0.3339, d.high(), 5e-5);
        assertTrue(d.excludes(0));
        assertFalse(ProportionInterval.difference(10, 100, 12, 100, ProportionInterval.Z95).excludes(0));
    }
}
