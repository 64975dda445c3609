package dev.encore.stream.recommend;

import static dev.encore.stream.testing.Triggers.trigger;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.stream.experiment.ExperimentArms;
import dev.encore.stream.sequence.Trigger;
import dev.encore.stream.testing.Triggers;
import dev.encore.model.live.Candidate;
import dev.encore.model.live.CandidateAssembler;
import dev.encore.model.live.TrendingSnapshot;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RecommendFunctionTest {

    private static KeyedBroadcastOperatorTestHarness<String, Trigger, TrendingSnapshot, CandidateSet> harness(Duration coalesce)
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new RecommendFunction(new CandidateAssembler(50), 50, Duration.ofMinutes(30), coalesce, Duration.ofDays(30),
                        ExperimentArms.NONE),
                Trigger::userId, Types.STRING, RecommendFunction.TRENDING);
    }

    @Test
    void restoresEachUsersOrderAfterTheTrackKeyedStage() throws Exception {
        try (var h = harness(Duration.ZERO)) {
            h.processElement(new StreamRecord<>(trigger("u", 1, "a")));
            h.processElement(new StreamRecord<>(trigger("u", 3, "c")));
            assertEquals(1, h.extractOutputValues().size(), "seq 3 waits for seq 2");
            h.processElement(new StreamRecord<>(trigger("v", 1, "x")));
            h.processElement(new StreamRecord<>(trigger("u", 2, "b")));
            List<CandidateSet> sets = h.extractOutputValues().stream().filter(s -> s.userId().equals("u")).toList();
            assertEquals(List.of(1L, 2L, 3L), sets.stream().map(CandidateSet::seq).toList());
            assertArrayEquals(new String[] {"a", "b", "c"}, sets.get(2).historyTracks(), "the history in the user's order");
            assertEquals(4, dev.encore.stream.testing.KeyedStateEntries.of(h), "only each user's next expected seq and history are left");
        }
    }

    @Test
    void aUsersFirstTriggerWaitsForSeqOneAndAMissingTriggerIsNotWaitedForForever() throws Exception {
        try (var h = harness(Duration.ZERO)) {
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(trigger("u", 2, "b")));
            assertEquals(0, h.extractOutputValues().size(), "seq 2 waits for seq 1");
            h.processElement(new StreamRecord<>(trigger("u", 1, "a")));
            assertEquals(List.of(1L, 2L), h.extractOutputValues().stream().map(CandidateSet::seq).toList());
            assertEquals(0, h.numProcessingTimeTimers());

            h.processElement(new StreamRecord<>(trigger("u", 4, "d")));
            h.processElement(new StreamRecord<>(trigger("u", 5, "e")));
            h.setProcessingTime(RecommendFunction.MAX_WAIT_MILLIS - 1);
            assertEquals(2, h.extractOutputValues().size());
            h.setProcessingTime(RecommendFunction.MAX_WAIT_MILLIS);
            assertEquals(List.of(1L, 2L, 4L, 5L), h.extractOutputValues().stream().map(CandidateSet::seq).toList());
            h.processElement(new StreamRecord<>(trigger("u", 6, "f")));
            assertEquals(5, h.extractOutputValues().size(), "after giving up, the user goes on from the last released");
            assertEquals(0, h.numProcessingTimeTimers());
            assertEquals(2, dev.encore.stream.testing.KeyedStateEntries.of(h), "the next expected seq and the history");
        }
    }

    @Test
    void coalescesABurstIntoOneRecomputationOfTheLatest() throws Exception {
        try (var h = harness(Duration.ofMillis(100))) {
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(trigger("u", 1, "a")));
            h.processElement(new StreamRecord<>(trigger("u", 2, "b")));
            h.processElement(new StreamRecord<>(trigger("u", 3, "c")));
            assertEquals(0, h.extractOutputValues().size());
            h.setProcessingTime(100);
            List<CandidateSet> out = h.extractOutputValues();
            assertEquals(1, out.size());
            assertEquals(3, out.get(0).seq());
            assertEquals(3, out.get(0).covered());
            assertArrayEquals(new String[] {"a", "b", "c"}, out.get(0).historyTracks(), "every coalesced event is in the history");
            assertEquals(0, h.numProcessingTimeTimers());
            assertEquals(0, h.numEventTimeTimers());
            assertEquals(2, dev.encore.stream.testing.KeyedStateEntries.of(h), "the pending trigger is gone once answered");
        }
    }

    @Test
    void whenABoundedInputEndsTheFinalWatermarkAnswersWhatStillWaits() throws Exception {
        try (var h = harness(Duration.ofMinutes(1))) {
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(trigger("u", 1, "a")));
            h.processElement(new StreamRecord<>(trigger("u", 2, "b")));
            h.processElement(new StreamRecord<>(trigger("v", 2, "y")));
            h.processWatermark(Long.MAX_VALUE);
            h.processBroadcastWatermark(Long.MAX_VALUE);
            assertEquals(List.of("u:2:2", "v:2:1"), h.extractOutputValues().stream()
                    .map(s -> s.userId() + ":" + s.seq() + ":" + s.covered()).sorted().toList());
            assertEquals(0, h.numEventTimeTimers());
        }
    }

    @Test
    void aCoalescedAnswerKeepsTheEndOfInputFlushForTriggersStillWaitingForOrder() throws Exception {
        try (var h = harness(Duration.ofMillis(100))) {
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(trigger("u", 1, "a")));
            h.processElement(new StreamRecord<>(trigger("u", 3, "c")));
            h.setProcessingTime(100);
            assertEquals(List.of(1L), h.extractOutputValues().stream().map(CandidateSet::seq).toList(),
                    "the coalescing window answered seq 1; seq 3 still waits for seq 2");
            // The bounded input ends before seq 2 or the give-up time: the final watermark must still answer seq 3.
            h.processWatermark(Long.MAX_VALUE);
            h.processBroadcastWatermark(Long.MAX_VALUE);
            assertEquals(List.of(1L, 3L), h.extractOutputValues().stream().map(CandidateSet::seq).toList());
            assertEquals(0, h.numEventTimeTimers());
        }
    }

    @Test
    void usesTheNewestTrendingSnapshotAndNeverOffersTheJustPlayedTrack() throws Exception {
        try (var h = harness(Duration.ZERO)) {
            h.processBroadcastElement(new StreamRecord<>(new TrendingSnapshot(2000, new String[] {"hot", "b"},
                    new String[] {"h", "ab"}, new float[] {9, 3})));
            h.processBroadcastElement(new StreamRecord<>(new TrendingSnapshot(1000, new String[] {"stale"},
                    new String[] {"s"}, new float[] {99})));
            h.processElement(new StreamRecord<>(trigger("u", 1, "a")));
            h.processElement(new StreamRecord<>(trigger("u", 2, "b")));
            CandidateSet set = h.extractOutputValues().get(1);
            List<String> tracks = java.util.Arrays.stream(set.candidates()).map(Candidate::trackId).toList();
            assertEquals(List.of("a", "hot"), tracks, "repeats (a), then trending without the just-played b or the stale list");
        }
    }

    @Test
    void aUsersSeqOneStartsTheHistoryOverAndSkipsInTheSessionAreNeverOffered() throws Exception {
        try (var h = harness(Duration.ZERO)) {
            h.processElement(new StreamRecord<>(trigger("u", 1, "a")));
            h.processElement(new StreamRecord<>(trigger("u", 2, "b")));
            // The sequence stage forgot the user (TTL) and numbers from 1 again: so does the history.
            h.processElement(new StreamRecord<>(trigger("u", 1, "c")));
            assertArrayEquals(new String[] {"c"}, h.extractOutputValues().get(2).historyTracks());

            h.processElement(new StreamRecord<>(Triggers.skip("u", 2, "d")));
            h.processElement(new StreamRecord<>(trigger("u", 3, "c")));
            CandidateSet last = h.extractOutputValues().get(4);
            assertArrayEquals(new String[] {"c", "d", "c"}, last.historyTracks());
            assertEquals(List.of("d"), List.of(last.excluded()).stream().filter(t -> t.equals("d")).toList(),
                    "the track skipped in this session is excluded");
            assertEquals(List.of(), java.util.Arrays.stream(last.candidates()).map(Candidate::trackId)
                    .filter(t -> t.equals("d") || t.equals("c")).toList(), "nor offered, nor the just-played track");
        }
    }
}
