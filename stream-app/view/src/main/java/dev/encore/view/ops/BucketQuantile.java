package dev.encore.view.ops;

/**
 * A quantile from cumulative histogram buckets, interpolated linearly inside the bucket it falls in, as PromQL's
 * {@code histogram_quantile} does, so that the page and the Grafana dashboard show the same figure.
 */
final class BucketQuantile {
    private BucketQuantile() {
    }

    /**
     * @param bounds     the buckets' upper bounds, ascending, without +Inf
     * @param cumulative observations at or under each bound, then the total (+Inf)
     * @return the estimate, or null without observations; the largest finite bound when it falls in +Inf
     */
    static Double of(double q, double[] bounds, long[] cumulative) {
        long total = cumulative[cumulative.length - 1];
        if (total <= 0) {
            return null;
        }
        double rank = q * total;
        for (int i = 0; i < bounds.length; i++) {
            if (cumulative[i] >= rank) {
                double lower = i == 0 ? 0 : bounds[i - 1];
                long below = i == 0 ? 0 : cumulative[i - 1];
                long inBucket = cumulative[i] - below;
                return inBucket == 0 ? bounds[i] : lower + (bounds[i] - lower) * (rank - below) / inBucket;
            }
        }
        return bounds[bounds.length - 1];
    }
}
