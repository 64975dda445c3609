package dev.encore.stream.rank;

import dev.encore.model.live.ListScore;
import dev.encore.model.live.RankedItem;
import dev.encore.model.live.Ranker;
import dev.encore.model.methods.RankingWeights;
import dev.encore.schemas.Attribution;
import dev.encore.stream.JobMetrics;
import dev.encore.stream.recommend.AnsweredEvent;
import dev.encore.stream.recommend.CandidateSet;
import dev.encore.stream.scoring.ScoredSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by user: ranks a scored set into the user's new list with the shared {@link Ranker} and stamps it (a
 * recommendation id derived from the trigger, so a replay after a restart writes the same id; the generated-at
 * time; the latency metrics). Before replacing the user's list it judges the events the set answers against the
 * list that was in force when they arrived, counted per model version: live hit rate and NDCG@10, the figure
 * operators watch after a model swap; and attributes each event to that list ({@link Attribution}: accepted at
 * which rank, skipped, liked), counted per experiment arm and model version. A superseded set makes no list (a
 * newer one of the same batch follows).
 */
public final class RerankFunction extends KeyedProcessFunction<String, ScoredSet, RankedList> {
    static final String IN_FORCE = "list-in-force";

    /** The top of the user's current list, its id, the model version that made it and the user's arm. */
    public record ListInForce(String id, String[] tracks, String modelVersion, String arm) {
    }


    private final Ranker ranker;
    private final Duration ttl;
    private transient ValueState<ListInForce> inForce;
    private transient Histogram latency;
    private transient Histogram candidates;
    private transient Counter produced;
    private transient Counter superseded;
    private transient Map<String, Counter[]> quality;
    private transient AttributionCounters outcomes;
    private transient Map<RankingWeights, Ranker> rankers;

    public RerankFunction(Ranker ranker, Duration ttl) {
        this.ranker = ranker;
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<ListInForce> descriptor = new ValueStateDescriptor<>(IN_FORCE, ListInForce.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl).cleanupInRocksdbCompactFilter(1000).build());
        inForce = getRuntimeContext().getState(descriptor);
        var metrics = getRuntimeContext().getMetricGroup();
        latency = metrics.histogram(JobMetrics.EVENT_TO_RECOMMENDATION_MS, new DescriptiveStatisticsHistogram(10_000));
        candidates = metrics.histogram(JobMetrics.CANDIDATES, new DescriptiveStatisticsHistogram(10_000));
        produced = metrics.counter(JobMetrics.RECOMMENDATIONS);
        superseded = metrics.counter(JobMetrics.SUPERSEDED);
        quality = new HashMap<>();
        outcomes = new AttributionCounters(metrics);
        rankers = new HashMap<>();
    }

    @Override
    public void processElement(ScoredSet scored, Context context, Collector<RankedList> out) throws Exception {
        CandidateSet set = scored.set();
        judge(set.answered());
        if (scored.superseded()) {
            // The list in force stays the one a reader could have seen: the newer set of the same batch replaces it.
            superseded.inc();
            return;
        }
        boolean withModel = !scored.degraded() && scored.modelScores().length == set.candidates().length
                && scored.modelScores().length > 0;
        // The weights of the version that scored; the configured ones for a list made without a model's answer.
        Ranker byVersion = withModel && scored.weights() != null ? rankers.computeIfAbsent(scored.weights(), ranker::withWeights) : ranker;
        RankedItem[] items = byVersion.rank(set.candidates(), withModel ? scored.modelScores() : null, set.triggerTrackId());
        String version = scored.degraded() ? scored.modelVersion() + ":degraded" : scored.modelVersion();
        String id = UUID.nameUUIDFromBytes((set.userId() + '\u0000' + set.triggerEventId() + '\u0000' + set.seq())
                .getBytes(StandardCharsets.UTF_8)).toString();
        inForce.update(new ListInForce(id, Arrays.stream(items).limit(ListScore.K).map(RankedItem::trackId).toArray(String[]::new),
                version, set.arm()));
        long now = System.currentTimeMillis();
        candidates.update(set.candidates().length);
        latency.update(now - set.ingestTime());
        produced.inc();
        outcomes.served(set.arm(), version);
        out.collect(new RankedList(id, set.userId(), now, set.triggerEventId(), set.triggerEventTime(), set.ingestTime(),
                scored.modelVersion(), scored.degraded(), set.seq(), items, set.arm()));
    }

    /** Each answered event against the list in force when it arrived (none for a user's first event). */
    private void judge(AnsweredEvent[] answered) throws Exception {
        ListInForce list = inForce.value();
        if (list == null) {
            return;
        }
        Counter[] counters = quality.computeIfAbsent(list.modelVersion(), this::register);
        List<String> tracks = Arrays.asList(list.tracks());
        for (AnsweredEvent event : answered) {
            int rank = ListScore.rankOf(tracks, event.trackId());
            counters[0].inc();
            if (rank > 0) {
                counters[1].inc();
                counters[2].inc(Math.round(ListScore.ndcg(rank) * 1_000_000));
            }
            outcomes.count(list.arm(), list.modelVersion(),
                    Attribution.of(list.id(), tracks, event.trackId(), event.type(), event.fromList(), event.fromListRank()));
        }
    }

    private Counter[] register(String version) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(JobMetrics.MODEL_VERSION, version);
        return new Counter[] {group.counter(JobMetrics.LIVE_PREDICTIONS), group.counter(JobMetrics.LIVE_HITS),
                group.counter(JobMetrics.LIVE_NDCG_MICROS)};
    }
}
