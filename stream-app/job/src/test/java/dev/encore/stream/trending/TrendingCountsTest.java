package dev.encore.stream.trending;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.model.online.Transitions;
import dev.encore.schema.EventType;
import dev.encore.stream.ingest.PlayEvent;
import dev.encore.stream.testing.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The pane counts are exactly what Flink's sliding windows would emit, late plays included, and leave nothing behind. */
class TrendingCountsTest {
    private static final long WINDOW = 60_000;
    private static final long SLIDE = 5_000;

    @Test
    void eachWindowEndEmitsTheWeightedPlaysOfItsWindowAndNothingIsLeftBehind() throws Exception {
        Random random = new Random(7);
        List<PlayEvent> events = new ArrayList<>();
        List<Long> watermarks = new ArrayList<>();
        long time = 1_000_000;
        long watermark = Long.MIN_VALUE;
        try (KeyedOneInputStreamOperatorTestHarness<String, PlayEvent, TrackCount> harness = harness()) {
            List<TrackCount> expected = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                time += random.nextInt(2_000);
                // Some plays arrive up to 20 s late, some of them behind the watermark.
                long at = random.nextInt(10) == 0 ? time - random.nextInt(20_000) : time;
                EventType type = random.nextInt(5) == 0 ? EventType.SKIP : EventType.PLAY;
                PlayEvent event = Events.event("u" + i, "t" + random.nextInt(4), "a1", type, at);
                events.add(event);
                watermarks.add(watermark);
                harness.processElement(new StreamRecord<>(event, at));
                if (i % 7 == 6) {
                    long next = time - 8_000;
                    expected.addAll(windowsClosedBy(events, watermarks, watermark, next));
                    watermark = next;
                    harness.processWatermark(new Watermark(watermark));
                }
            }
            expected.addAll(windowsClosedBy(events, watermarks, watermark, Long.MAX_VALUE));
            harness.processWatermark(new Watermark(Long.MAX_VALUE));

            List<TrackCount> emitted = new ArrayList<>(harness.extractOutputValues());
            Comparator<TrackCount> order = Comparator.comparingLong(TrackCount::windowEnd).thenComparing(TrackCount::trackId);
            emitted.sort(order);
            expected.sort(order);
            assertEquals(expected.size(), emitted.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).trackId(), emitted.get(i).trackId(), "window " + expected.get(i).windowEnd());
                assertEquals(expected.get(i).windowEnd(), emitted.get(i).windowEnd());
                assertEquals(expected.get(i).count(), emitted.get(i).count(), 1e-4f, "window " + expected.get(i).windowEnd());
            }
            assertEquals(0, harness.numKeyedStateEntries(), "every pane left every window: no state");
            assertEquals(0, harness.numEventTimeTimers(), "and no timers");
        }
    }

    @Test
    void aPlayLateForEveryWindowHoldingItIsDropped() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, PlayEvent, TrackCount> harness = harness()) {
            harness.processWatermark(new Watermark(200_000));
            PlayEvent late = Events.play("u1", "t1", 100_000);
            harness.processElement(new StreamRecord<>(late, late.eventTime()));
            harness.processWatermark(new Watermark(Long.MAX_VALUE));
            assertEquals(List.of(), harness.extractOutputValues());
            assertEquals(0, harness.numKeyedStateEntries());
        }
    }

    /**
     * Flink's sliding-window rule, by brute force: the windows ending in (from, to] on the watermark's clock
     * ({@code end - 1 <= to}), each summing the plays in [end - WINDOW, end) that arrived before the watermark
     * had passed the window ({@code end - 1 > watermark at arrival}).
     */
    private static List<TrackCount> windowsClosedBy(List<PlayEvent> events, List<Long> watermarksAtArrival, long from, long to) {
        List<TrackCount> closed = new ArrayList<>();
        long firstEnd = Math.floorDiv(events.stream().mapToLong(PlayEvent::eventTime).min().orElseThrow(), SLIDE) * SLIDE;
        long lastEnd = events.stream().mapToLong(PlayEvent::eventTime).max().orElseThrow() + WINDOW + SLIDE;
        for (long end = firstEnd; end <= lastEnd; end += SLIDE) {
            if (!(end - 1 > from && end - 1 <= to)) {
                continue;
            }
            for (String track : List.of("t0", "t1", "t2", "t3")) {
                float sum = 0;
                boolean any = false;
                for (int i = 0; i < events.size(); i++) {
                    PlayEvent e = events.get(i);
                    if (e.trackId().equals(track) && e.eventTime() >= end - WINDOW && e.eventTime() < end
                            && end - 1 > watermarksAtArrival.get(i)) {
                        sum += Transitions.weightOf(e.type());
                        any = true;
                    }
                }
                if (any) {
                    closed.add(new TrackCount(track, "a1", end, sum));
                }
            }
        }
        return closed;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PlayEvent, TrackCount> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new TrendingCounts(Duration.ofMillis(WINDOW), Duration.ofMillis(SLIDE)), PlayEvent::trackId, Types.STRING);
    }
}
