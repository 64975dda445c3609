package dev.encore.view.ops;

import dev.encore.schemas.Topics;
import dev.encore.view.LagMonitor;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Samples the view's own readings and the job's counters once a second and keeps the last {@link #KEPT} samples, from
 * which {@code GET /ops} answers the operators' page ({@link OpsSeries}).
 */
public final class OpsMonitor {
    static final int KEPT = 121;

    private final LagMonitor lag;
    private final Histogram freshness;
    private final String jobGroup;
    private final Supplier<Optional<JobCounters>> job;
    private final Clock clock;
    private final Deque<OpsSample> samples = new ArrayDeque<>();

    /** @param jobGroup the job's consumer group, whose lag the page shows */
    public OpsMonitor(LagMonitor lag, Histogram freshness, String jobGroup, Supplier<Optional<JobCounters>> job, Clock clock) {
        this.lag = lag;
        this.freshness = freshness;
        this.jobGroup = jobGroup;
        this.job = job;
        this.clock = clock;
    }

    /** Takes one sample; called once a second. */
    public void sample() {
        List<LagMonitor.Lag> lags = lag.lags().stream().filter(l -> l.group().equals(jobGroup)).toList();
        long[] freshnessCounts = cumulativeCounts(freshnessBuckets());
        OpsSample sample = new OpsSample(clock.millis(), lag.endOffsetSum(Topics.EVENTS.name()),
                freshnessCounts[freshnessCounts.length - 1], freshnessCounts, lags.stream().mapToLong(LagMonitor.Lag::lag).max().orElse(0),
                lags.stream().mapToDouble(LagMonitor.Lag::seconds).max().orElse(0), job.get());
        synchronized (samples) {
            samples.addLast(sample);
            while (samples.size() > KEPT) {
                samples.removeFirst();
            }
        }
    }

    public OpsSeries series() {
        List<OpsSample> copy;
        synchronized (samples) {
            copy = List.copyOf(samples);
        }
        ClassicHistogramBuckets buckets = freshnessBuckets();
        double[] bounds = new double[buckets.size() - 1];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = buckets.getUpperBound(i);
        }
        return OpsSeries.of(copy, bounds);
    }

    private ClassicHistogramBuckets freshnessBuckets() {
        return freshness.collect().getDataPoints().get(0).getClassicBuckets();
    }

    /** Observations at or under each bound (cumulative, as Prometheus exposes them), the last (+Inf's) the total. */
    static long[] cumulativeCounts(ClassicHistogramBuckets buckets) {
        long[] counts = new long[buckets.size()];
        long running = 0;
        for (int i = 0; i < counts.length; i++) {
            running += buckets.getCount(i);
            counts[i] = running;
        }
        return counts;
    }
}
