package dev.encore.bench.e2e;

import java.util.List;

/**
 * One load step: what was offered and sent, what came out in time, the latencies of what came out, and the job's
 * CPU milliseconds per 1,000 events sent ({@link JobCpu}; from the step's start until its output was in).
 */
public record StepResult(double offeredEps, long sent, long received, double p50Ms, double p95Ms, double p99Ms, double maxMs,
                         boolean sustainable, long[] latenciesMs, double cpuMsPer1000) {

    static StepResult of(double offered, long sent, List<OutputProbe.Seen> seen, boolean sustainable, double cpuMillis) {
        long[] latencies = seen.stream().mapToLong(OutputProbe.Seen::latencyMillis).sorted().toArray();
        return new StepResult(offered, sent, latencies.length, percentile(latencies, 0.50), percentile(latencies, 0.95),
                percentile(latencies, 0.99), latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1], sustainable, latencies,
                sent == 0 ? Double.NaN : cpuMillis * 1000 / sent);
    }

    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
