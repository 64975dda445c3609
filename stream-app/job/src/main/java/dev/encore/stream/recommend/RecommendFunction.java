package dev.encore.stream.recommend;

import dev.encore.stream.JobMetrics;
import dev.encore.stream.sequence.Trigger;
import dev.encore.stream.trending.TrendingSnapshot;
import java.time.Duration;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by user again, after the track-keyed co-listening stage: puts the user's triggers back in order (two
 * events of one user may pass through different co-listening subtasks), coalesces bursts when configured, and
 * assembles the candidates with the latest trending snapshot (broadcast to every subtask).
 *
 * <p>Order is restored from {@link Trigger#seq()}, which the sequence stage numbers consecutively per user: a
 * trigger waits only while an earlier one of the same user is still in flight. Seq 1 means the sequence stage
 * started over (after the inactivity TTL), so this stage starts over too.
 *
 * <p>Coalescing (window above 0): the first trigger starts a processing-time timer; triggers arriving before it
 * fires replace the pending one (each carries the user's whole sequence), and one recomputation answers them all.
 */
public final class RecommendFunction extends KeyedBroadcastProcessFunction<String, Trigger, TrendingSnapshot, CandidateSet> {
    public static final MapStateDescriptor<String, TrendingSnapshot> TRENDING =
            new MapStateDescriptor<>("trending", String.class, TrendingSnapshot.class);
    static final String LATEST_TRENDING = "latest";
    static final String NEXT_SEQ = "next-seq";
    static final String OUT_OF_ORDER = "out-of-order";
    static final String PENDING = "coalescing";
    static final String PENDING_COUNT = "coalescing-count";
    /** Beyond this many waiting triggers something upstream lost one: release them rather than wait forever. */
    static final int MAX_WAITING = 64;

    private final CandidateAssembler assembler;
    private final long coalesceMillis;
    private final Duration ttl;
    private transient ValueState<Long> nextSeq;
    private transient MapState<Long, Trigger> outOfOrder;
    private transient ValueState<Trigger> pending;
    private transient ValueState<Integer> pendingCount;
    private transient Counter coalesced;

    public RecommendFunction(CandidateAssembler assembler, Duration coalesceWindow, Duration ttl) {
        this.assembler = assembler;
        this.coalesceMillis = coalesceWindow.toMillis();
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Long> next = new ValueStateDescriptor<>(NEXT_SEQ, Long.class);
        // Only a counter is left per user between events; it goes with the user's inactivity.
        next.enableTimeToLive(StateTtlConfig.newBuilder(ttl).cleanupInRocksdbCompactFilter(1000).build());
        nextSeq = getRuntimeContext().getState(next);
        outOfOrder = getRuntimeContext().getMapState(new MapStateDescriptor<>(OUT_OF_ORDER, Long.class, Trigger.class));
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>(PENDING, Trigger.class));
        pendingCount = getRuntimeContext().getState(new ValueStateDescriptor<>(PENDING_COUNT, Integer.class));
        coalesced = getRuntimeContext().getMetricGroup().counter(JobMetrics.COALESCED);
    }

    @Override
    public void processElement(Trigger trigger, ReadOnlyContext context, Collector<CandidateSet> out) throws Exception {
        long next = nextSeq.value() == null || trigger.seq() == 1 ? trigger.seq() : nextSeq.value();
        if (trigger.seq() != next) {
            outOfOrder.put(trigger.seq(), trigger);
            if (countWaiting() > MAX_WAITING) {
                next = releaseAll(context, out);
                nextSeq.update(next);
            }
            return;
        }
        accept(trigger, context, out);
        next++;
        Trigger waiting;
        while ((waiting = outOfOrder.get(next)) != null) {
            outOfOrder.remove(next);
            accept(waiting, context, out);
            next++;
        }
        nextSeq.update(next);
    }

    private int countWaiting() throws Exception {
        int n = 0;
        for (Long ignored : outOfOrder.keys()) {
            n++;
        }
        return n;
    }

    private long releaseAll(ReadOnlyContext context, Collector<CandidateSet> out) throws Exception {
        java.util.List<Long> seqs = new java.util.ArrayList<>();
        outOfOrder.keys().forEach(seqs::add);
        seqs.sort(null);
        for (long seq : seqs) {
            accept(outOfOrder.get(seq), context, out);
        }
        outOfOrder.clear();
        return seqs.get(seqs.size() - 1) + 1;
    }

    private void accept(Trigger trigger, ReadOnlyContext context, Collector<CandidateSet> out) throws Exception {
        if (coalesceMillis <= 0) {
            out.collect(assemble(trigger, 1, context.getBroadcastState(TRENDING)));
            return;
        }
        Integer count = pendingCount.value();
        if (count == null) {
            context.timerService().registerProcessingTimeTimer(context.timerService().currentProcessingTime() + coalesceMillis);
            count = 0;
        } else {
            coalesced.inc();
        }
        pending.update(trigger);
        pendingCount.update(count + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<CandidateSet> out) throws Exception {
        Trigger trigger = pending.value();
        if (trigger != null) {
            out.collect(assemble(trigger, pendingCount.value(), context.getBroadcastState(TRENDING)));
        }
        pending.clear();
        pendingCount.clear();
    }

    private CandidateSet assemble(Trigger trigger, int covered, ReadOnlyBroadcastState<String, TrendingSnapshot> trending)
            throws Exception {
        TrendingSnapshot snapshot = trending.get(LATEST_TRENDING);
        Set<String> excluded = CandidateAssembler.excluded(trigger);
        Candidate[] candidates = assembler.assemble(trigger, snapshot == null ? TrendingSnapshot.NONE : snapshot, excluded);
        return CandidateSet.of(trigger, covered, excluded.toArray(String[]::new), candidates);
    }

    @Override
    public void processBroadcastElement(TrendingSnapshot snapshot, Context context, Collector<CandidateSet> out) throws Exception {
        TrendingSnapshot current = context.getBroadcastState(TRENDING).get(LATEST_TRENDING);
        if (current == null || snapshot.windowEnd() > current.windowEnd()) {
            context.getBroadcastState(TRENDING).put(LATEST_TRENDING, snapshot);
        }
    }
}
