package dev.encore.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The throughput ratio is a number only when the passthrough fell behind at some step; else it is an upper bound. */
class E2eReportTest {
    @Test
    void aPassthroughThatKeptUpGivesOnlyAnUpperBound() {
        assertEquals("0.05", E2eReport.ratioCell(0.05, true));
        assertTrue(E2eReport.ratioCell(0.8, false).startsWith("<= 0.80"));
        assertEquals(Boolean.TRUE, E2eReport.ratioMeets(0.3, true));
        assertNull(E2eReport.ratioMeets(0.8, false), "an upper bound above the target proves nothing");
        assertEquals(Boolean.FALSE, E2eReport.ratioMeets(0.1, false), "an upper bound below the target falls short");
        assertEquals(Boolean.FALSE, E2eReport.ratioMeets(0.1, true));
        assertNull(E2eReport.ratioMeets(Double.NaN, true), "no passthrough step sustained: no ratio, no verdict");
        assertTrue(E2eReport.ratioCell(Double.NaN, true).startsWith("n/a"));
    }
}
