package dev.encore.stream.rank;

import dev.encore.schemas.Attribution;
import dev.encore.stream.JobMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The acceptance counters of one ranking task, by experiment arm and model version (Flink metric groups {@code arm}
 * and {@code model_version}, so Prometheus gets both as labels): lists served, events judged against them, and what
 * {@link Attribution} made of each.
 */
final class AttributionCounters {
    /** The arm label when no experiment runs. */
    static final String NO_ARM = "none";

    private record Counters(Counter served, Counter judged, Counter accepted, Counter top1, Counter top3, Counter skipped,
                            Counter liked, Counter byPlayer) {
    }

    private final MetricGroup root;
    private final Map<List<String>, Counters> byArmAndVersion = new HashMap<>();

    AttributionCounters(MetricGroup root) {
        this.root = root;
    }

    void served(String arm, String version) {
        counters(arm, version).served().inc();
    }

    void count(String arm, String version, Attribution attribution) {
        Counters counters = counters(arm, version);
        counters.judged().inc();
        if (attribution.explicit()) {
            counters.byPlayer().inc();
        }
        if (attribution.accepted()) {
            counters.accepted().inc();
            if (attribution.rank() == 1) {
                counters.top1().inc();
            }
            if (attribution.rank() >= 1 && attribution.rank() <= 3) {
                counters.top3().inc();
            }
            if (attribution.outcome() == Attribution.Outcome.SKIPPED) {
                counters.skipped().inc();
            }
        } else if (attribution.outcome() == Attribution.Outcome.LIKED) {
            counters.liked().inc();
        }
    }

    private Counters counters(String arm, String version) {
        return byArmAndVersion.computeIfAbsent(List.of(arm.isEmpty() ? NO_ARM : arm, version), key -> {
            MetricGroup group = root.addGroup(JobMetrics.ARM, key.get(0)).addGroup(JobMetrics.MODEL_VERSION, key.get(1));
            return new Counters(group.counter(JobMetrics.LISTS_SERVED), group.counter(JobMetrics.JUDGED),
                    group.counter(JobMetrics.ACCEPTED), group.counter(JobMetrics.ACCEPTED_TOP1), group.counter(JobMetrics.ACCEPTED_TOP3),
                    group.counter(JobMetrics.ACCEPTED_SKIPPED), group.counter(JobMetrics.LIKED), group.counter(JobMetrics.ATTRIBUTED_BY_PLAYER));
        });
    }
}
