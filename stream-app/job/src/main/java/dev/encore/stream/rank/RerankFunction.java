package dev.encore.stream.rank;

import dev.encore.stream.JobMetrics;
import dev.encore.stream.recommend.CandidateSet;
import dev.encore.stream.scoring.ScoredSet;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Ranks a scored set into the user's new list and stamps it: a recommendation id derived from the trigger (so a
 * replay after a restart writes the same id), the generated-at time, and the latency metrics.
 */
public final class RerankFunction extends RichMapFunction<ScoredSet, RankedList> {
    private final Reranker reranker;
    private transient Histogram latency;
    private transient Histogram candidates;
    private transient Counter produced;

    public RerankFunction(Reranker reranker) {
        this.reranker = reranker;
    }

    @Override
    public void open(OpenContext context) {
        var metrics = getRuntimeContext().getMetricGroup();
        latency = metrics.histogram(JobMetrics.EVENT_TO_RECOMMENDATION_MS, new DescriptiveStatisticsHistogram(10_000));
        candidates = metrics.histogram(JobMetrics.CANDIDATES, new DescriptiveStatisticsHistogram(10_000));
        produced = metrics.counter(JobMetrics.RECOMMENDATIONS);
    }

    @Override
    public RankedList map(ScoredSet scored) {
        CandidateSet set = scored.set();
        RankedItem[] items = reranker.rank(scored);
        long now = System.currentTimeMillis();
        candidates.update(set.candidates().length);
        latency.update(now - set.ingestTime());
        produced.inc();
        String id = UUID.nameUUIDFromBytes((set.userId() + '\u0000' + set.triggerEventId() + '\u0000' + set.seq())
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new RankedList(id, set.userId(), now, set.triggerEventId(), set.triggerEventTime(), set.ingestTime(), scored.modelVersion(),
                scored.degraded(), set.seq(), items);
    }
}
