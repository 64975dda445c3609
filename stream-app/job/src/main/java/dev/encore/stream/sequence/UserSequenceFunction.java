package dev.encore.stream.sequence;

import dev.encore.model.live.UserSequence;
import dev.encore.model.online.Transitions;
import dev.encore.stream.JobMetrics;
import dev.encore.stream.ingest.PlayEvent;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by user: keeps the user's last N events in RocksDB and emits, for plays and skips, the co-listening
 * pairs the event adds, then a {@link Trigger} for the event, in one stream to be keyed by track downstream
 * ({@link CoListeningInput}).
 *
 * <p>Late events (older than the user's newest) are still facts about the user: they are inserted in time
 * order, learned from, and trigger a recomputation like any other, and are counted. A user silent for the
 * state TTL (in event time) is forgotten: an event-time timer clears the state, leaving nothing behind.
 */
public final class UserSequenceFunction extends KeyedProcessFunction<String, PlayEvent, CoListeningInput> {
    static final String STATE = "user-sequence";
    static final String TIMER = "user-sequence-expiry";

    private final int capacity;
    private final long gapMillis;
    private final long ttlMillis;
    private transient ValueState<UserSequence> sequence;
    private transient ValueState<Long> expiry;
    private transient Counter late;

    public UserSequenceFunction(int capacity, Duration sessionGap, Duration ttl) {
        this.capacity = capacity;
        this.gapMillis = sessionGap.toMillis();
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        sequence = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, UserSequence.class));
        expiry = getRuntimeContext().getState(new ValueStateDescriptor<>(TIMER, Long.class));
        late = getRuntimeContext().getMetricGroup().counter(JobMetrics.LATE_EVENTS);
    }

    @Override
    public void processElement(PlayEvent event, Context context, Collector<CoListeningInput> out) throws Exception {
        UserSequence before = Objects.requireNonNullElse(sequence.value(), UserSequence.EMPTY);
        if (event.eventTime() < before.newestTime()) {
            late.inc();
        }
        UserSequence after = before.with(event.trackId(), event.artistId(), event.type(), event.eventTime(), capacity);
        sequence.update(after);
        renewExpiry(context, after.newestTime() + ttlMillis);

        after.pairs(event.trackId(), event.eventTime(), Transitions.weightOf(event.type()), gapMillis,
                (from, to, w) -> out.collect(CoListeningInput.of(new PairUpdate(from, to, after.artistOf(to), w))));
        out.collect(CoListeningInput.of(new Trigger(event.eventId(), event.userId(), event.trackId(), event.artistId(), event.type(),
                event.eventTime(), event.ingestTime(), after.events(), after.tracks(), after.artists(), after.types(),
                after.skippedInCurrentSession(gapMillis).toArray(String[]::new), new String[0], new String[0], new float[0],
                new String[0], new float[0], event.fromList(), event.fromListRank())));
    }

    private void renewExpiry(Context context, long at) throws Exception {
        Long current = expiry.value();
        if (current != null && current == at) {
            return;
        }
        if (current != null) {
            context.timerService().deleteEventTimeTimer(current);
        }
        context.timerService().registerEventTimeTimer(at);
        expiry.update(at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<CoListeningInput> out) throws Exception {
        Long current = expiry.value();
        if (current != null && current == timestamp) {
            sequence.clear();
            expiry.clear();
        }
    }
}
