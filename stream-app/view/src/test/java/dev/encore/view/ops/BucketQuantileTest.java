package dev.encore.view.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The same answers PromQL's histogram_quantile gives for these buckets. */
class BucketQuantileTest {
    private static final double[] BOUNDS = {0.1, 0.5, 1};

    @Test
    void interpolatesInsideTheBucket() {
        // 10 at or under 0.1, 30 under 0.5, 40 under 1, 40 in all.
        long[] counts = {10, 30, 40, 40};
        assertEquals(0.1, BucketQuantile.of(0.25, BOUNDS, counts), 1e-12);
        assertEquals(0.3, BucketQuantile.of(0.5, BOUNDS, counts), 1e-12);
        assertEquals(0.05, BucketQuantile.of(0.125, BOUNDS, counts), 1e-12);
        assertEquals(0.9, BucketQuantile.of(0.95, BOUNDS, counts), 1e-12);
    }

    @Test
    void aQuantileInTheOpenBucketIsTheLargestBoundAndNoDataIsUnknown() {
        assertEquals(1.0, BucketQuantile.of(0.99, BOUNDS, new long[] {0, 0, 1, 10}));
        assertNull(BucketQuantile.of(0.5, BOUNDS, new long[] {0, 0, 0, 0}));
    }
}
