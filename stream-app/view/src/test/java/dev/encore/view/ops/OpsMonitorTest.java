package dev.encore.view.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

/** The freshness histogram's buckets read as the page's quantiles need them. */
class OpsMonitorTest {
    @Test
    void bucketCountsAreMadeCumulativeWithTheTotalLast() {
        Histogram freshness = Histogram.builder().name("test_freshness_seconds").help("test").classicOnly()
                .classicUpperBounds(0.1, 1, 10).register(new PrometheusRegistry());
        for (double seconds : new double[] {0.05, 0.1, 0.5, 2, 3, 60}) {
            freshness.observe(seconds);
        }
        long[] counts = OpsMonitor.cumulativeCounts(freshness.collect().getDataPoints().get(0).getClassicBuckets());
        assertArrayEquals(new long[] {2, 3, 5, 6}, counts, "at or under 0.1, 1, 10, then all (+Inf)");
    }
}
