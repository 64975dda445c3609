package dev.encore.stream.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.schema.EventType;
import dev.encore.schemas.Attribution;
import dev.encore.stream.JobMetrics;
import java.util.List;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

/** The acceptance counters land under the arm and the model version, as Prometheus labels them. */
class AttributionCountersTest {
    private static final List<String> LIST = List.of("t1", "t2", "t3", "t4");
    private final MetricListener listener = new MetricListener();

    @Test
    void eachOutcomeIsCountedUnderItsArmAndVersion() {
        AttributionCounters counters = new AttributionCounters(listener.getMetricGroup());
        counters.served("model", "v1");
        counters.served("model", "v1");
        counters.count("model", "v1", Attribution.of("L", LIST, "t1", EventType.PLAY, "", 0));
        counters.count("model", "v1", Attribution.of("L", LIST, "t3", EventType.SKIP, "", 0));
        counters.count("model", "v1", Attribution.of("L", LIST, "t4", EventType.PLAY, "L", 4));
        counters.count("model", "v1", Attribution.of("L", LIST, "t2", EventType.LIKE, "", 0));
        counters.count("model", "v1", Attribution.of("L", LIST, "other", EventType.PLAY, "", 0));
        counters.count("", "none", Attribution.of("L", LIST, "t2", EventType.PLAY, "", 0));

        assertEquals(2, count("model", "v1", JobMetrics.LISTS_SERVED));
        assertEquals(5, count("model", "v1", JobMetrics.JUDGED));
        assertEquals(3, count("model", "v1", JobMetrics.ACCEPTED), "t1, t3 (skipped) and t4 (named by the player)");
        assertEquals(1, count("model", "v1", JobMetrics.ACCEPTED_TOP1));
        assertEquals(2, count("model", "v1", JobMetrics.ACCEPTED_TOP3));
        assertEquals(1, count("model", "v1", JobMetrics.ACCEPTED_SKIPPED));
        assertEquals(1, count("model", "v1", JobMetrics.LIKED));
        assertEquals(1, count("model", "v1", JobMetrics.ATTRIBUTED_BY_PLAYER));
        assertEquals(1, count(AttributionCounters.NO_ARM, "none", JobMetrics.ACCEPTED), "no experiment: arm 'none'");
    }

    private long count(String arm, String version, String name) {
        return listener.getCounter(JobMetrics.ARM, arm, JobMetrics.MODEL_VERSION, version, name).orElseThrow().getCount();
    }
}
