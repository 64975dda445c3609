package dev.encore.view.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operators' page's figures, from consecutive {@link OpsSample}s: per-second rates between neighbours, freshness
 * quantiles and degraded share over a trailing window, hit rate per model version since the job started. Null where
 * a figure cannot be known (no job metrics; no lists in the window), never a made-up zero.
 *
 * @param seconds               each point's time, epoch seconds
 * @param hitRateByModelVersion events whose track was in the top 10 of the list in force / events judged, per version
 */
public record OpsSeries(List<Double> seconds, List<Double> eventsPerSecond, List<Double> listsPerSecond,
                        List<Double> deadLettersPerSecond, List<Double> freshnessP50Seconds, List<Double> freshnessP99Seconds,
                        List<Double> lagRecords, List<Double> lagSeconds, List<Double> degradedShare,
                        Map<String, HitRate> hitRateByModelVersion) {

    /** Live quality of one model version's lists. */
    public record HitRate(double predictions, double hits, Double hitRate) {
    }

    /** Samples this many apart make the trailing window of quantiles and shares. */
    static final int WINDOW = 10;

    public static OpsSeries of(List<OpsSample> samples, double[] freshnessBounds) {
        List<Double> seconds = new ArrayList<>();
        List<Double> events = new ArrayList<>();
        List<Double> lists = new ArrayList<>();
        List<Double> deadLetters = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> lagRecords = new ArrayList<>();
        List<Double> lagSeconds = new ArrayList<>();
        List<Double> degraded = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            OpsSample before = samples.get(i - 1);
            OpsSample now = samples.get(i);
            double elapsed = (now.millis() - before.millis()) / 1000.0;
            if (elapsed <= 0) {
                continue;
            }
            OpsSample windowStart = samples.get(Math.max(0, i - WINDOW));
            seconds.add(now.millis() / 1000.0);
            events.add(Math.max(0, now.eventsEnd() - before.eventsEnd()) / elapsed);
            lists.add(Math.max(0, now.listsRead() - before.listsRead()) / elapsed);
            deadLetters.add(both(before, now) ? Math.max(0, now.job().get().deadLettered() - before.job().get().deadLettered()) / elapsed : null);
            long[] window = difference(now.freshnessCounts(), windowStart.freshnessCounts());
            p50.add(BucketQuantile.of(0.5, freshnessBounds, window));
            p99.add(BucketQuantile.of(0.99, freshnessBounds, window));
            lagRecords.add((double) now.lagRecords());
            lagSeconds.add(now.lagSeconds());
            degraded.add(both(windowStart, now) ? share(now.job().get().degraded() - windowStart.job().get().degraded(),
                    now.job().get().recommendations() - windowStart.job().get().recommendations()) : null);
        }
        return new OpsSeries(seconds, events, lists, deadLetters, p50, p99, lagRecords, lagSeconds, degraded, hitRates(samples));
    }

    private static Map<String, HitRate> hitRates(List<OpsSample> samples) {
        Map<String, HitRate> rates = new LinkedHashMap<>();
        samples.stream().filter(s -> s.job().isPresent()).reduce((a, b) -> b).ifPresent(last -> {
            JobCounters job = last.job().get();
            new TreeMap<>(job.predictionsByModelVersion()).forEach((version, predictions) -> {
                double hits = job.hitsByModelVersion().getOrDefault(version, 0.0);
                rates.put(version, new HitRate(predictions, hits, predictions > 0 ? hits / predictions : null));
            });
        });
        return rates;
    }

    private static boolean both(OpsSample a, OpsSample b) {
        return a.job().isPresent() && b.job().isPresent();
    }

    private static Double share(double part, double whole) {
        return whole > 0 ? Math.max(0, part) / whole : null;
    }

    private static long[] difference(long[] later, long[] earlier) {
        long[] delta = new long[later.length];
        for (int i = 0; i < later.length; i++) {
            delta[i] = later[i] - (i < earlier.length ? earlier[i] : 0);
        }
        return delta;
    }
}
