package dev.encore.stream.sequence;

import dev.encore.model.live.UserSequence;
import dev.encore.model.online.Transitions;
import dev.encore.stream.JobMetrics;
import dev.encore.stream.StageReachedEvent;
import dev.encore.stream.ingest.PlayEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by user: keeps the user's newest events in RocksDB ({@link UserSequence#PAIRING_CAPACITY} of them: what
 * pairing needs) and emits, for plays and skips, the co-listening pairs the event adds, then a {@link Trigger} for
 * the event (with the pairs of its own track), in one stream to be keyed by track downstream
 * ({@link CoListeningInput}). The longer history the recommender reads is kept by the candidate stage, which gets
 * every trigger in the user's order.
 *
 * <p>Late events (older than the user's newest) are still facts about the user: they are inserted in time
 * order, learned from, and trigger a recomputation like any other, and are counted. A user silent for the
 * state TTL (in event time) is forgotten: an event-time timer clears the state, leaving nothing behind. The
 * expiry is rounded up to a hundredth of the TTL ({@link #expiryOf}), so that most events find their timer
 * already set and touch no timer: a user is forgotten up to 1% of the TTL late.
 */
public final class UserSequenceFunction extends KeyedProcessFunction<String, PlayEvent, CoListeningInput> {
    static final String STATE = "user-sequence";

    private final long gapMillis;
    private final long ttlMillis;
    private transient ValueState<UserSequence> sequence;
    private transient Counter late;

    public UserSequenceFunction(Duration sessionGap, Duration ttl) {
        this.gapMillis = sessionGap.toMillis();
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        sequence = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, UserSequence.class));
        late = getRuntimeContext().getMetricGroup().counter(JobMetrics.LATE_EVENTS);
    }

    @Override
    public void processElement(PlayEvent event, Context context, Collector<CoListeningInput> out) throws Exception {
        StageReachedEvent.mark(StageReachedEvent.SEQUENCE, event.ingestTime());
        UserSequence before = Objects.requireNonNullElse(sequence.value(), UserSequence.EMPTY);
        if (event.eventTime() < before.newestTime()) {
            late.inc();
        }
        UserSequence after = before.with(event.trackId(), event.artistId(), event.type(), event.eventTime(),
                UserSequence.PAIRING_CAPACITY);
        sequence.update(after);
        // The timer set is always the rounded expiry of the newest event before this one: no state needed to find it.
        long at = expiryOf(after.newestTime(), ttlMillis);
        if (before.size() == 0) {
            context.timerService().registerEventTimeTimer(at);
        } else {
            long set = expiryOf(before.newestTime(), ttlMillis);
            if (at != set) {
                context.timerService().deleteEventTimeTimer(set);
                context.timerService().registerEventTimeTimer(at);
            }
        }

        // Pairs of other tracks go out on their own; those of the played track (its backward pairs) ride with its
        // trigger, which is keyed by the same track: one state update for them all.
        List<PairUpdate> ownTrack = new ArrayList<>(Transitions.WINDOW);
        after.pairs(event.trackId(), event.eventTime(), Transitions.weightOf(event.type()), gapMillis, (from, to, w) -> {
            PairUpdate pair = new PairUpdate(from, to, after.artistOf(to), w);
            if (from.equals(event.trackId())) {
                ownTrack.add(pair);
            } else {
                out.collect(CoListeningInput.of(pair));
            }
        });
        out.collect(CoListeningInput.of(Trigger.of(event, after.events()), ownTrack.toArray(PairUpdate[]::new)));
    }

    /** When a user whose newest event is at {@code newest} is forgotten: after the TTL, rounded up to TTL / 100. */
    static long expiryOf(long newest, long ttlMillis) {
        long step = Math.max(1, ttlMillis / 100);
        return Math.floorDiv(newest + ttlMillis + step - 1, step) * step;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<CoListeningInput> out) throws Exception {
        UserSequence current = sequence.value();
        if (current == null) {
            return;
        }
        long at = expiryOf(current.newestTime(), ttlMillis);
        if (at <= timestamp) {
            sequence.clear();
        } else {
            // A timer older than the newest event (one left behind): the user is still within the TTL.
            context.timerService().registerEventTimeTimer(at);
        }
    }
}
