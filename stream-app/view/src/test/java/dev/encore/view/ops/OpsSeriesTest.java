package dev.encore.view.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpsSeriesTest {
    private static final double[] BOUNDS = {0.1, 1};

    private static OpsSample sample(long second, long events, long lists, long fast, Optional<JobCounters> job) {
        return new OpsSample(second * 1000, events, lists, new long[] {fast, lists, lists}, 5, 0.5, job);
    }

    private static Optional<JobCounters> job(double deadLettered, double degraded, double recommendations) {
        return Optional.of(new JobCounters(deadLettered, degraded, recommendations, Map.of("v1", 200.0), Map.of("v1", 50.0)));
    }

    @Test
    void ratesBetweenNeighboursAndSharesOverTheWindow() {
        List<OpsSample> samples = new ArrayList<>();
        for (int s = 0; s <= 20; s++) {
            // 100 events/s in; 80 lists/s read, all under 0.1 s until second 10, then all between 0.1 and 1 s;
            // 2 dead letters/s; one list in four degraded.
            long lists = 80L * s;
            long fast = 80L * Math.min(s, 10);
            samples.add(sample(s, 100L * s, lists, fast, job(2.0 * s, 20.0 * s, 80.0 * s)));
        }
        OpsSeries series = OpsSeries.of(samples, BOUNDS);
        assertEquals(20, series.seconds().size());
        assertEquals(100.0, series.eventsPerSecond().get(0));
        assertEquals(80.0, series.listsPerSecond().get(19));
        assertEquals(2.0, series.deadLettersPerSecond().get(5));
        assertEquals(0.25, series.degradedShare().get(19), 1e-12);
        assertEquals(0.05, series.freshnessP50Seconds().get(8), 1e-12, "all fast in the window before second 10");
        assertEquals(0.55, series.freshnessP50Seconds().get(19), 1e-12, "all slow in the last ten seconds");
        assertEquals(5.0, series.lagRecords().get(0));
        assertEquals(0.25, series.hitRateByModelVersion().get("v1").hitRate());
    }

    @Test
    void withoutTheJobsMetricsItsFiguresAreUnknownNotZero() {
        List<OpsSample> samples = List.of(sample(0, 0, 0, 0, Optional.empty()), sample(1, 10, 0, 0, Optional.empty()));
        OpsSeries series = OpsSeries.of(samples, BOUNDS);
        assertEquals(Arrays.asList((Double) null), series.deadLettersPerSecond());
        assertNull(series.degradedShare().get(0));
        assertNull(series.freshnessP50Seconds().get(0), "no lists, no freshness");
        assertEquals(Map.of(), series.hitRateByModelVersion());
        assertEquals(10.0, series.eventsPerSecond().get(0));
    }
}
