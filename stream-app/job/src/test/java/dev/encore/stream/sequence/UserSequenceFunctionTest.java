package dev.encore.stream.sequence;

import static dev.encore.stream.testing.Events.play;
import static dev.encore.stream.testing.Events.skip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.live.UserSequence;
import dev.encore.schema.EventType;
import dev.encore.stream.ingest.PlayEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserSequenceFunctionTest {
    private static final long MIN = 60_000;
    private static final Duration TTL = Duration.ofDays(30);
    private KeyedOneInputStreamOperatorTestHarness<String, PlayEvent, CoListeningInput> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new UserSequenceFunction(Duration.ofMinutes(30), TTL), PlayEvent::userId,
                org.apache.flink.api.common.typeinfo.Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(PlayEvent event) throws Exception {
        harness.processElement(new StreamRecord<>(event, event.eventTime()));
    }

    private List<Trigger> triggers() {
        return harness.extractOutputValues().stream().map(CoListeningInput::trigger).filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void emitsOneTriggerPerEventWithConsecutiveSeq() throws Exception {
        for (int i = 0; i < 5; i++) {
            send(play("u1", "t" + i, i * MIN));
        }
        send(play("u2", "x", 0));
        List<Trigger> out = triggers();
        assertEquals(6, out.size());
        Trigger last = out.get(4);
        assertEquals(5, last.seq());
        assertEquals("t4", last.trackId());
        assertEquals(1, out.get(5).seq());
    }

    @Test
    void anEventUpToThreePlacesLatePairsAsTheFullHistoryWouldThoughOnlyTheNewestEventsAreKept() throws Exception {
        // Twenty in order, then one three places late (three newer events came first), then one far too late.
        long[] minutes = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 16, 2};
        UserSequence full = UserSequence.EMPTY;
        for (int i = 0; i < minutes.length; i++) {
            String track = "t" + i;
            long time = minutes[i] * MIN;
            harness.getOutput().clear();
            send(play("u", track, time));
            full = full.with(track, "artist-of-" + track, EventType.PLAY, time, 50);
            List<PairUpdate> expected = new ArrayList<>();
            UserSequence reference = full;
            reference.pairs(track, time, 1f, Duration.ofMinutes(30).toMillis(),
                    (from, to, w) -> expected.add(new PairUpdate(from, to, reference.artistOf(to), w)));
            List<PairUpdate> emitted = harness.extractOutputValues().stream().flatMap(input -> Arrays.stream(input.pairs())).toList();
            if (i < minutes.length - 1) {
                assertEquals(sorted(expected), sorted(emitted), "pairs of " + track);
            } else {
                assertEquals(6, expected.size(), "the full history would pair it");
                assertEquals(List.of(), emitted, "older than every event kept: it pairs with none (it still triggers)");
                assertEquals(1, triggers().size());
            }
        }
    }

    private static List<PairUpdate> sorted(List<PairUpdate> pairs) {
        return pairs.stream().sorted(Comparator.comparing(PairUpdate::from).thenComparing(PairUpdate::to)).toList();
    }

    @Test
    void learnsPairsWithinTheSessionOnly() throws Exception {
        send(play("u", "a", 0));
        send(skip("u", "b", MIN));
        send(play("u", "c", 2 * MIN));
        send(play("u", "d", 90 * MIN)); // new session: no pairs with a, b, c
        List<CoListeningInput> all = harness.extractOutputValues();
        var pairs = all.stream().flatMap(input -> java.util.Arrays.stream(input.pairs())).toList();
        // b after a (weight 0.3 for a skip), c after b and a; d pairs with nothing.
        assertEquals(2 + 4, pairs.size());
        assertEquals(new PairUpdate("a", "b", "artist-of-b", 0.3f), pairs.get(0));
        assertEquals(new PairUpdate("b", "c", "artist-of-c", 1f), pairs.get(2));
        // Each event's pairs come before or with its trigger, in one stream: c's pairs of b and a on their own
        // (keyed by b and a), then c's trigger with c's own pairs (keyed by c, learned before it is answered).
        List<String> keys = all.stream().map(CoListeningInput::key).toList();
        assertEquals(List.of("a", "a", "b", "b", "a", "c", "d"), keys);
        CoListeningInput cTrigger = all.get(5);
        assertEquals("c", cTrigger.trigger().trackId());
        assertEquals(List.of(new PairUpdate("c", "b", "artist-of-b", 0.5f), new PairUpdate("c", "a", "artist-of-a", 0.25f)),
                List.of(cTrigger.pairs()));
        assertEquals(List.of(new PairUpdate("a", "c", "artist-of-c", 0.5f)), List.of(all.get(4).pairs()));
        assertNull(all.get(4).trigger());
    }

    @Test
    void forgetsAnInactiveUserAndLeavesNoStateOrTimers() throws Exception {
        send(play("u", "a", 0));
        send(play("u", "b", MIN));
        assertEquals(1, harness.numKeyedStateEntries());
        assertEquals(1, harness.numEventTimeTimers());
        long expiry = UserSequenceFunction.expiryOf(MIN, TTL.toMillis());

        harness.processWatermark(MIN + TTL.toMillis() - 1);
        assertEquals(1, harness.numKeyedStateEntries(), "one millisecond before the TTL the user is still known");
        harness.processWatermark(expiry - 1);
        assertEquals(1, harness.numKeyedStateEntries(), "until the rounded expiry the user is still known");

        harness.processWatermark(expiry);
        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());

        send(play("u", "c", expiry + 5));
        Trigger fresh = triggers().get(2);
        assertEquals(1, fresh.seq(), "a forgotten user starts over");
        assertEquals(List.of(), List.of(harness.extractOutputValues().get(harness.extractOutputValues().size() - 1).pairs()),
                "with nothing to pair with");
    }

    @Test
    void theExpiryIsTheTtlRoundedUpToAHundredthOfIt() {
        long ttl = TTL.toMillis();
        long step = ttl / 100;
        for (long newest : new long[] {0, 1, MIN, step - 1, step, 7 * step + 3, -5 * MIN}) {
            long expiry = UserSequenceFunction.expiryOf(newest, ttl);
            assertTrue(expiry >= newest + ttl && expiry < newest + ttl + step, "expiry of " + newest + ": " + expiry);
            assertEquals(0, Math.floorMod(expiry, step), "on the step: " + expiry);
        }
    }

    @Test
    void aNewerEventMovesTheExpiryOnlyWhenItCrossesAStep() throws Exception {
        long step = TTL.toMillis() / 100;
        send(play("u", "a", 0));
        send(play("u", "b", MIN)); // same step: the timer set for a still stands
        assertEquals(1, harness.numEventTimeTimers());
        send(play("u", "c", step + MIN)); // the next step: the old timer goes, a later one comes
        assertEquals(1, harness.numEventTimeTimers());

        harness.processWatermark(UserSequenceFunction.expiryOf(MIN, TTL.toMillis()));
        assertEquals(1, harness.numKeyedStateEntries(), "the first timer is gone: c keeps the user");
        harness.processWatermark(UserSequenceFunction.expiryOf(step + MIN, TTL.toMillis()));
        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void aLateEventIsInsertedInTimeOrderAndStillTriggers() throws Exception {
        send(play("u", "a", 0));
        send(play("u", "c", 10 * MIN));
        send(play("u", "b", 5 * MIN));
        Trigger late = triggers().get(2);
        assertEquals("b", late.trackId());
        CoListeningInput lateInput = harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
        assertEquals(List.of(new PairUpdate("b", "a", "artist-of-a", 0.5f)), List.of(lateInput.pairs()),
                "it pairs with the track before it in time, not with the newer c");
        assertEquals(1, harness.numEventTimeTimers(), "the expiry timer follows the newest event only");
    }
}
