package dev.encore.stack;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job's live quality as its Prometheus endpoints serve it (the {@code encore_live_*} counters, one series per
 * subtask and model version, on one endpoint per Flink process), summed per model version: how often the list in
 * force held the user's next track.
 */
final class JobLiveQuality {
    /** One model version's totals. */
    record Figures(long predictions, long hits, long ndcgMicros) {
        double hitRate() {
            return predictions == 0 ? 0 : (double) hits / predictions;
        }

        double ndcg() {
            return predictions == 0 ? 0 : ndcgMicros / 1e6 / predictions;
        }

        Figures plus(Figures other) {
            return new Figures(predictions + other.predictions, hits + other.hits, ndcgMicros + other.ndcgMicros);
        }
    }

    private static final List<String> COUNTERS = List.of("encore_live_predictions", "encore_live_hits_at_10", "encore_live_ndcg_at_10_micros");

    static Map<String, Figures> totals(List<JobMetricsText.Sample> samples) {
        Map<String, Figures> byVersion = new TreeMap<>();
        for (JobMetricsText.Sample sample : samples) {
            String version = sample.labels().get("model_version");
            int counter = -1;
            for (int i = 0; i < COUNTERS.size(); i++) {
                if (sample.name().endsWith("_" + COUNTERS.get(i))) {
                    counter = i;
                }
            }
            if (version == null || counter < 0 || sample.labels().containsKey("arm")) {
                continue;
            }
            long value = (long) sample.value();
            Figures add = switch (counter) {
                case 0 -> new Figures(value, 0, 0);
                case 1 -> new Figures(0, value, 0);
                default -> new Figures(0, 0, value);
            };
            byVersion.merge(version, add, Figures::plus);
        }
        return byVersion;
    }
}
