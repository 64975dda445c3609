package dev.encore.stream.rank;

import dev.encore.model.live.ExplorationSlot;
import dev.encore.model.live.ListScore;
import dev.encore.model.live.RankedItem;
import dev.encore.model.live.Ranker;
import dev.encore.model.live.Source;
import dev.encore.model.live.SourceBandit;
import dev.encore.model.live.SourceOutcomes;
import dev.encore.schema.EventType;
import dev.encore.schemas.Attribution;
import dev.encore.stream.JobMetrics;
import dev.encore.stream.StageReachedEvent;
import dev.encore.stream.experiment.ExperimentArms;
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
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
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
 *
 * <p>With an exploration slot ({@code explore.rank}), lists of exploring users ({@link ExperimentArms#explores})
 * give that rank to the source a {@link SourceBandit} picks, and the next event's outcome (the pick played, not
 * skipped) is the bandit's reward: kept per user in keyed state and per task in operator state (the population
 * prior), so the learning survives restarts. Picks and acceptances are counted per source.
 */
public final class RerankFunction extends KeyedProcessFunction<String, ScoredSet, RankedList> implements CheckpointedFunction {
    static final String IN_FORCE = "list-in-force";
    static final String EXPLORED = "explored-pick";
    static final String USER_OUTCOMES = "explore-outcomes";
    static final String POPULATION_OUTCOMES = "explore-population";

    /** The exploration slot's pick in the user's list in force, awaiting the outcome. */
    public record ExploredPick(String listId, String trackId, Source source) {
    }

    /** The top of the user's current list, its id, the model version that made it and the user's arm. */
    public record ListInForce(String id, String[] tracks, String modelVersion, String arm) {
    }


    private final Ranker ranker;
    private final Duration ttl;
    private final ExplorationSlot slot;
    private final SourceBandit bandit;
    private transient ValueState<ListInForce> inForce;
    private transient ValueState<ExploredPick> explored;
    private transient ValueState<SourceOutcomes> userOutcomes;
    private transient ListState<SourceOutcomes> populationState;
    private transient SourceOutcomes population;
    private transient Counter[] explorePicks;
    private transient Counter[] exploreAccepted;
    private transient Histogram latency;
    private transient Histogram candidates;
    private transient Counter produced;
    private transient Counter superseded;
    private transient Map<String, Counter[]> quality;
    private transient AttributionCounters outcomes;
    /** By model version: a version's weights are stored with it and never change, so its nets are not hashed per list. */
    private transient Map<String, Ranker> rankers;

    /** A ranker without exploration. */
    public RerankFunction(Ranker ranker, Duration ttl) {
        this(ranker, ttl, null, null);
    }

    /** @param slot the exploration slot, null for none; {@code bandit} picks its source */
    public RerankFunction(Ranker ranker, Duration ttl, ExplorationSlot slot, SourceBandit bandit) {
        if (slot != null && bandit == null) {
            throw new IllegalArgumentException("an exploration slot needs a bandit to fill it");
        }
        this.ranker = ranker;
        this.ttl = ttl;
        this.slot = slot;
        this.bandit = bandit;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        // Each task snapshots its own evidence; after a rescale a task adds up the entries it is given, and a task
        // given none starts from the uniform prior (its users' own outcomes still count in full).
        populationState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>(POPULATION_OUTCOMES, SourceOutcomes.class));
        population = new SourceOutcomes();
        for (SourceOutcomes restored : populationState.get()) {
            population.add(restored);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        populationState.update(List.of(population));
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<ListInForce> descriptor = withTtl(new ValueStateDescriptor<>(IN_FORCE, ListInForce.class));
        inForce = getRuntimeContext().getState(descriptor);
        explored = getRuntimeContext().getState(withTtl(new ValueStateDescriptor<>(EXPLORED, ExploredPick.class)));
        userOutcomes = getRuntimeContext().getState(withTtl(new ValueStateDescriptor<>(USER_OUTCOMES, SourceOutcomes.class)));
        var metrics = getRuntimeContext().getMetricGroup();
        latency = metrics.histogram(JobMetrics.EVENT_TO_RECOMMENDATION_MS, new DescriptiveStatisticsHistogram(10_000));
        candidates = metrics.histogram(JobMetrics.CANDIDATES, new DescriptiveStatisticsHistogram(10_000));
        produced = metrics.counter(JobMetrics.RECOMMENDATIONS);
        superseded = metrics.counter(JobMetrics.SUPERSEDED);
        quality = new HashMap<>();
        outcomes = new AttributionCounters(metrics);
        rankers = new HashMap<>();
        explorePicks = new Counter[Source.COUNT];
        exploreAccepted = new Counter[Source.COUNT];
        for (Source source : Source.values()) {
            MetricGroup group = metrics.addGroup(JobMetrics.EXPLORED_SOURCE, source.name().toLowerCase(java.util.Locale.ROOT));
            explorePicks[source.ordinal()] = group.counter(JobMetrics.EXPLORE_PICKS);
            exploreAccepted[source.ordinal()] = group.counter(JobMetrics.EXPLORE_ACCEPTED);
        }
    }

    private <T> ValueStateDescriptor<T> withTtl(ValueStateDescriptor<T> descriptor) {
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl).cleanupInRocksdbCompactFilter(1000).build());
        return descriptor;
    }

    @Override
    public void processElement(ScoredSet scored, Context context, Collector<RankedList> out) throws Exception {
        CandidateSet set = scored.set();
        StageReachedEvent.mark(StageReachedEvent.RERANK, set.ingestTime());
        judge(set.answered());
        if (scored.superseded()) {
            // The list in force stays the one a reader could have seen: the newer set of the same batch replaces it.
            superseded.inc();
            return;
        }
        boolean withModel = !scored.degraded() && scored.modelScores().length == set.candidates().length
                && scored.modelScores().length > 0;
        // The weights of the version that scored; the configured ones for a list made without a model's answer.
        Ranker byVersion = withModel && scored.weights() != null
                ? rankers.computeIfAbsent(scored.modelVersion(), v -> ranker.withWeights(scored.weights())) : ranker;
        float[] logits = withModel ? scored.modelScores() : null;
        RankedItem[] items = byVersion.rank(set.candidates(), logits, set.historyArtists(), set.triggerTrackId());
        String version = scored.degraded() ? scored.modelVersion() + ":degraded" : scored.modelVersion();
        UUID uuid = UUID.nameUUIDFromBytes((set.userId() + '\u0000' + set.triggerEventId() + '\u0000' + set.seq())
                .getBytes(StandardCharsets.UTF_8));
        String id = uuid.toString();
        if (slot != null && ExperimentArms.explores(set.arm())) {
            items = explore(items, set, logits, id, uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits());
        }
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

    /** Fills the exploration slot with the bandit's source, and remembers the pick to learn from its outcome. */
    private RankedItem[] explore(RankedItem[] items, CandidateSet set, float[] logits, String listId, long seed) throws Exception {
        SourceOutcomes own = userOutcomes.value();
        Source source = bandit.choose(slot.available(items, set.candidates(), logits), population,
                own == null ? new SourceOutcomes() : own, seed);
        if (source == null) {
            explored.clear();
            return items;
        }
        RankedItem[] placed = slot.place(items, set.candidates(), logits, source, set.triggerTrackId());
        String track = Arrays.stream(placed).filter(RankedItem::explored).findFirst().orElseThrow().trackId();
        explored.update(new ExploredPick(listId, track, source));
        explorePicks[source.ordinal()].inc();
        return placed;
    }

    /** The outcome of the list in force's exploration pick: accepted when an answered event played it (not a skip). */
    private void learn(ListInForce list, AnsweredEvent[] answered) throws Exception {
        ExploredPick pick = explored.value();
        if (pick == null || answered.length == 0) {
            return;
        }
        explored.clear(); // one outcome per list: the events of a later set were not answering this pick
        if (!pick.listId().equals(list.id())) {
            return;
        }
        boolean accepted = Arrays.stream(answered).anyMatch(e -> e.trackId().equals(pick.trackId()) && e.type() != EventType.SKIP);
        SourceOutcomes own = userOutcomes.value();
        own = own == null ? new SourceOutcomes() : own;
        bandit.learn(population, own, pick.source(), accepted);
        userOutcomes.update(own);
        if (accepted) {
            exploreAccepted[pick.source().ordinal()].inc();
        }
    }

    /** Each answered event against the list in force when it arrived (none for a user's first event). */
    private void judge(AnsweredEvent[] answered) throws Exception {
        ListInForce list = inForce.value();
        if (list == null) {
            return;
        }
        if (slot != null) {
            learn(list, answered);
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
