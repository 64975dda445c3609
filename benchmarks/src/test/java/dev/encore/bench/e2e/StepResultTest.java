package dev.encore.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A step is sustained when nearly all its events were answered, and answered within the latency bound. */
class StepResultTest {
    private static List<OutputProbe.Seen> answered(int count, long latencyMillis) {
        List<OutputProbe.Seen> seen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seen.add(new OutputProbe.Seen(i, i + latencyMillis));
        }
        return seen;
    }

    @Test
    void everyEventAnsweredWithinTheBoundIsSustained() {
        StepResult step = StepResult.of(100, 1000, answered(1000, 200), 1000, 50);
        assertTrue(step.sustainable());
        assertEquals(200, step.p99Ms());
        assertEquals(50, step.cpuMsPer1000());
    }

    @Test
    void everyEventAnsweredButLateIsNotSustained() {
        List<OutputProbe.Seen> seen = answered(980, 200);
        seen.addAll(answered(20, 2500));
        StepResult step = StepResult.of(100, 1000, seen, 1000, 50);
        assertEquals(1000, step.received());
        assertEquals(2500, step.p99Ms());
        assertFalse(step.sustainable(), "2% of events 2.5 s late puts p99 over a 1 s bound");
    }

    @Test
    void tooFewAnsweredIsNotSustainedWhateverTheirLatency() {
        assertFalse(StepResult.of(100, 1000, answered(989, 10), 1000, 50).sustainable());
        assertTrue(StepResult.of(100, 1000, answered(990, 10), 1000, 50).sustainable());
    }
}
