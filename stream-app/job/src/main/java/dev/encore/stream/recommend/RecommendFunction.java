package dev.encore.stream.recommend;

import dev.encore.model.live.Candidate;
import dev.encore.model.live.CandidateAssembler;
import dev.encore.model.live.Evidence;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.TrendingSnapshot;
import dev.encore.model.live.UserSequence;
import dev.encore.stream.JobMetrics;
import dev.encore.stream.StageReachedEvent;
import dev.encore.stream.experiment.ExperimentArms;
import dev.encore.stream.sequence.Trigger;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by user again, after the track-keyed co-listening stage: puts the user's triggers back in order (two
 * events of one user may pass through different co-listening subtasks), keeps the user's history (the last
 * {@code sequence.length} events, by {@link UserSequence}'s rule, from the triggers in that order: the model's input,
 * repeats and skips, kept here rather than carried through the track- and artist-keyed stages), coalesces bursts when
 * configured, and assembles the candidates with the latest trending snapshot (broadcast to every subtask), by the
 * shared {@link CandidateAssembler} under the product's {@link Exclusions}.
 *
 * <p>Order is restored from {@link Trigger#seq()}, which the sequence stage numbers consecutively per user: a
 * trigger waits only while an earlier one of the same user is still in flight, and at most
 * {@link #MAX_WAIT_MILLIS}. Seq 1 means the sequence stage started over (after the inactivity TTL), so this
 * stage starts over too, history included.
 *
 * <p>Coalescing (window above 0): the first trigger starts a processing-time timer; triggers arriving before it
 * fires replace the pending one (each event still goes into the history), and one recomputation answers them all.
 */
public final class RecommendFunction extends KeyedBroadcastProcessFunction<String, Trigger, TrendingSnapshot, CandidateSet> {
    public static final MapStateDescriptor<String, TrendingSnapshot> TRENDING =
            new MapStateDescriptor<>("trending", String.class, TrendingSnapshot.class);
    static final String LATEST_TRENDING = "latest";
    static final String NEXT_SEQ = "next-seq";
    static final String HISTORY = "user-history";
    static final String OUT_OF_ORDER = "out-of-order";
    static final String PENDING = "coalescing";
    static final String PENDING_ANSWERS = "coalescing-answers";
    static final String COALESCE_AT = "coalescing-timer";
    static final String GIVE_UP_AT = "out-of-order-timer";
    /** How long a trigger waits for an earlier one of its user before it goes on without it. */
    static final long MAX_WAIT_MILLIS = 5_000;
    /**
     * Processing-time timers still pending when a bounded input ends are dropped, not fired; the final watermark
     * fires event-time timers, so a timer at the end of time flushes what still waits.
     */
    static final long END_OF_INPUT = Long.MAX_VALUE;

    private final CandidateAssembler assembler;
    private final int historyLength;
    private final long gapMillis;
    private final long coalesceMillis;
    private final Duration ttl;
    private final ExperimentArms arms;
    private transient ValueState<Long> nextSeq;
    private transient ValueState<UserSequence> history;
    private transient MapState<Long, Trigger> outOfOrder;
    private transient ValueState<Trigger> pending;
    private transient ValueState<AnsweredEvent[]> pendingAnswers;
    private transient ValueState<Long> coalesceAt;
    private transient ValueState<Long> giveUpAt;
    private transient Counter coalesced;

    public RecommendFunction(CandidateAssembler assembler, int historyLength, Duration sessionGap, Duration coalesceWindow,
                             Duration ttl, ExperimentArms arms) {
        this.assembler = assembler;
        this.historyLength = historyLength;
        this.gapMillis = sessionGap.toMillis();
        this.coalesceMillis = coalesceWindow.toMillis();
        this.ttl = ttl;
        this.arms = arms;
    }

    @Override
    public void open(OpenContext context) {
        // Between events only a counter and the history are left per user; they go with the user's inactivity.
        StateTtlConfig forgetting = StateTtlConfig.newBuilder(ttl).cleanupInRocksdbCompactFilter(1000).build();
        ValueStateDescriptor<Long> next = new ValueStateDescriptor<>(NEXT_SEQ, Long.class);
        next.enableTimeToLive(forgetting);
        nextSeq = getRuntimeContext().getState(next);
        ValueStateDescriptor<UserSequence> remembered = new ValueStateDescriptor<>(HISTORY, UserSequence.class);
        remembered.enableTimeToLive(forgetting);
        history = getRuntimeContext().getState(remembered);
        outOfOrder = getRuntimeContext().getMapState(new MapStateDescriptor<>(OUT_OF_ORDER, Long.class, Trigger.class));
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>(PENDING, Trigger.class));
        pendingAnswers = getRuntimeContext().getState(new ValueStateDescriptor<>(PENDING_ANSWERS, AnsweredEvent[].class));
        coalesceAt = getRuntimeContext().getState(new ValueStateDescriptor<>(COALESCE_AT, Long.class));
        giveUpAt = getRuntimeContext().getState(new ValueStateDescriptor<>(GIVE_UP_AT, Long.class));
        coalesced = getRuntimeContext().getMetricGroup().counter(JobMetrics.COALESCED);
    }

    @Override
    public void processElement(Trigger trigger, ReadOnlyContext context, Collector<CandidateSet> out) throws Exception {
        StageReachedEvent.mark(StageReachedEvent.CANDIDATES_IN, trigger.ingestTime());
        Long expected = trigger.seq() == 1 ? Long.valueOf(1) : nextSeq.value();
        if (expected == null || trigger.seq() != expected) {
            // An earlier trigger of this user is still in flight (or this stage forgot the user): wait for it, but
            // not forever, so that a user is never stuck behind a trigger that will not come.
            outOfOrder.put(trigger.seq(), trigger);
            if (giveUpAt.value() == null) {
                long at = context.timerService().currentProcessingTime() + MAX_WAIT_MILLIS;
                context.timerService().registerProcessingTimeTimer(at);
                context.timerService().registerEventTimeTimer(END_OF_INPUT);
                giveUpAt.update(at);
            }
            return;
        }
        accept(trigger, context, out);
        long next = expected + 1;
        // A give-up timer is set exactly while something waits: the usual in-order event reads no map at all.
        if (giveUpAt.value() != null) {
            Trigger waiting;
            while ((waiting = outOfOrder.get(next)) != null) {
                outOfOrder.remove(next);
                accept(waiting, context, out);
                next++;
            }
            if (outOfOrder.isEmpty()) {
                clearGiveUp(context);
            }
        }
        nextSeq.update(next);
    }

    private void clearGiveUp(ReadOnlyContext context) throws Exception {
        Long at = giveUpAt.value();
        if (at != null) {
            context.timerService().deleteProcessingTimeTimer(at);
            if (pending.value() == null) {
                context.timerService().deleteEventTimeTimer(END_OF_INPUT);
            }
            giveUpAt.clear();
        }
    }

    /** Releases every waiting trigger in seq order and goes on after the last. */
    private void releaseWaiting(ReadOnlyContext context, Collector<CandidateSet> out) throws Exception {
        java.util.List<Long> seqs = new java.util.ArrayList<>();
        outOfOrder.keys().forEach(seqs::add);
        seqs.sort(null);
        for (long seq : seqs) {
            accept(outOfOrder.get(seq), context, out);
        }
        outOfOrder.clear();
        Long at = giveUpAt.value();
        if (at != null) {
            context.timerService().deleteProcessingTimeTimer(at);
            giveUpAt.clear();
        }
        if (pending.value() == null) {
            context.timerService().deleteEventTimeTimer(END_OF_INPUT);
        }
        if (!seqs.isEmpty()) {
            nextSeq.update(seqs.get(seqs.size() - 1) + 1);
        }
    }

    private void accept(Trigger trigger, ReadOnlyContext context, Collector<CandidateSet> out) throws Exception {
        UserSequence remembered = remember(trigger);
        if (coalesceMillis <= 0) {
            out.collect(assemble(trigger, remembered, new AnsweredEvent[] {AnsweredEvent.of(trigger)},
                    context.getBroadcastState(TRENDING)));
            return;
        }
        AnsweredEvent[] answered = pendingAnswers.value();
        if (answered == null) {
            long at = context.timerService().currentProcessingTime() + coalesceMillis;
            context.timerService().registerProcessingTimeTimer(at);
            context.timerService().registerEventTimeTimer(END_OF_INPUT);
            coalesceAt.update(at);
            answered = new AnsweredEvent[0];
        } else {
            coalesced.inc();
        }
        pending.update(trigger);
        AnsweredEvent[] more = java.util.Arrays.copyOf(answered, answered.length + 1);
        more[answered.length] = AnsweredEvent.of(trigger);
        pendingAnswers.update(more);
    }

    /** Adds the trigger's event to the user's history (a fresh one at seq 1) and returns the history with it. */
    private UserSequence remember(Trigger trigger) throws Exception {
        UserSequence before = trigger.seq() == 1 ? UserSequence.EMPTY : Objects.requireNonNullElse(history.value(), UserSequence.EMPTY);
        UserSequence after = before.with(trigger.trackId(), trigger.artistId(), trigger.type(), trigger.eventTime(), historyLength);
        history.update(after);
        return after;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<CandidateSet> out) throws Exception {
        if (timestamp == END_OF_INPUT && context.timeDomain() == TimeDomain.EVENT_TIME) {
            // A bounded input ended (tests, backfills): answer what waits instead of dropping it with the timers.
            if (!outOfOrder.isEmpty()) {
                releaseWaiting(context, out);
            }
            flushPending(context, out);
            return;
        }
        Long giveUp = giveUpAt.value();
        if (giveUp != null && giveUp == timestamp) {
            releaseWaiting(context, out);
        }
        Long coalesce = coalesceAt.value();
        if (coalesce != null && coalesce == timestamp) {
            flushPending(context, out);
        }
    }

    private void flushPending(OnTimerContext context, Collector<CandidateSet> out) throws Exception {
        Trigger trigger = pending.value();
        if (trigger == null) {
            return;
        }
        // No history beside a pending trigger only after a restore from before 0032, which kept none here.
        UserSequence remembered = Objects.requireNonNullElseGet(history.value(), () -> UserSequence.EMPTY.with(trigger.trackId(),
                trigger.artistId(), trigger.type(), trigger.eventTime(), historyLength));
        out.collect(assemble(trigger, remembered, pendingAnswers.value(), context.getBroadcastState(TRENDING)));
        context.timerService().deleteProcessingTimeTimer(coalesceAt.value());
        if (giveUpAt.value() == null) {
            // Only when no trigger waits for order: the end-of-input flush is their way out of a bounded run too.
            context.timerService().deleteEventTimeTimer(END_OF_INPUT);
        }
        pending.clear();
        pendingAnswers.clear();
        coalesceAt.clear();
    }

    private CandidateSet assemble(Trigger trigger, UserSequence remembered, AnsweredEvent[] answered,
                                  ReadOnlyBroadcastState<String, TrendingSnapshot> trending) throws Exception {
        TrendingSnapshot snapshot = trending.get(LATEST_TRENDING);
        Evidence evidence = trigger.evidence(remembered, gapMillis, snapshot == null ? TrendingSnapshot.NONE : snapshot);
        Set<String> excluded = Exclusions.SKIPPED_AND_JUST_PLAYED.of(trigger.trackId(), evidence.skippedInSession());
        Candidate[] candidates = assembler.assemble(evidence, excluded);
        StageReachedEvent.mark(StageReachedEvent.CANDIDATES_OUT, trigger.ingestTime());
        return CandidateSet.of(trigger, evidence, answered, excluded.toArray(String[]::new), candidates, arms.armOf(trigger.userId()));
    }

    @Override
    public void processBroadcastElement(TrendingSnapshot snapshot, Context context, Collector<CandidateSet> out) throws Exception {
        TrendingSnapshot current = context.getBroadcastState(TRENDING).get(LATEST_TRENDING);
        if (current == null || snapshot.windowEnd() > current.windowEnd()) {
            context.getBroadcastState(TRENDING).put(LATEST_TRENDING, snapshot);
        }
    }
}
