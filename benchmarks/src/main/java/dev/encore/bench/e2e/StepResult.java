package dev.encore.bench.e2e;

import java.util.List;

/**
 * One load step: what was offered and sent, what came out in time, the latencies of what came out, and the job's
 * CPU milliseconds per 1,000 events sent ({@link JobCpu}; from the step's start until its output was in).
 */
public record StepResult(double offeredEps, long sent, long received, double p50Ms, double p95Ms, double p99Ms, double maxMs,
                         boolean sustainable, long[] latenciesMs, double cpuMsPer1000) {

    /** The share of a step's events that must be answered within its grace for the step to be sustained. */
    static final double ANSWERED = 0.99;

    /**
     * The step's figures from the outputs seen within its grace. It is sustained when at least {@link #ANSWERED} of
     * its events were answered and their p99 is within {@code p99BoundMillis}: a job that answers every event of a
     * short step, but seconds late, is building a backlog the step is too short to show.
     */
    static StepResult of(double offered, long sent, List<OutputProbe.Seen> seen, long p99BoundMillis, double cpuMillis) {
        long[] latencies = seen.stream().mapToLong(OutputProbe.Seen::latencyMillis).sorted().toArray();
        double p99 = percentile(latencies, 0.99);
        boolean sustainable = latencies.length >= ANSWERED * sent && p99 <= p99BoundMillis;
        return new StepResult(offered, sent, latencies.length, percentile(latencies, 0.50), percentile(latencies, 0.95),
                p99, latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1], sustainable, latencies,
                sent == 0 ? Double.NaN : cpuMillis * 1000 / sent);
    }

    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
