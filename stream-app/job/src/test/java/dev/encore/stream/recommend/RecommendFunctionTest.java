package dev.encore.stream.recommend;

import static dev.encore.stream.testing.Triggers.trigger;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.stream.experiment.ExperimentArms;
import dev.encore.stream.sequence.Trigger;
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
                new RecommendFunction(new CandidateAssembler(50), coalesce, Duration.ofDays(30), ExperimentArms.NONE),
                Trigger::userId, Types.STRING, RecommendFunction.TRENDING);
    }

    @Test
    void restoresEachUsersOrderAfterTheTrackKeyedStage() throws Exception {
        try (var h = harness(Duration.ZERO)) {
            h.processElement(new StreamRecord<>(trigger("u", 1, "a")));
            h.processElement(new StreamRecord<>(trigger("u", 3, "a", "b", "c")));
            assertEquals(1, h.extractOutputValues().size(), "seq 3 waits for seq 2");
            h.processElement(new StreamRecord<>(trigger("v", 1, "x")));
            h.processElement(new StreamRecord<>(trigger("u", 2, "a", "b")));
            List<Long> seqs = h.extractOutputValues().stream().filter(s -> s.userId().equals("u")).map(CandidateSet::seq).toList();
            assertEquals(List.of(1L, 2L, 3L), seqs);
            assertEquals(2, dev.encore.stream.testing.KeyedStateEntries.of(h), "only each user's next expected seq is left");
        }
    }

    @Test
    void aUsersFirstTriggerWaitsForSeqOneAndAMissingTriggerIsNotWaitedForForever() throws Exception {
        try (var h = harness(Duration.ZERO)) {
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(trigger("u", 2, "a", "b")));
            assertEquals(0, h.extractOutputValues().size(), "seq 2 waits for seq 1");
            h.processElement(new StreamRecord<>(trigger("u", 1, "a")));
            assertEquals(List.of(1L, 2L), h.extractOutputValues().stream().map(CandidateSet::seq).toList());
            assertEquals(0, h.numProcessingTimeTimers());

            h.processElement(new StreamRecord<>(trigger("u", 4, "a", "b", "c", "d")));
            h.processElement(new StreamRecord<>(trigger("u", 5, "a", "b", "c", "d", "e")));
            h.setProcessingTime(RecommendFunction.MAX_WAIT_MILLIS - 1);
            assertEquals(2, h.extractOutputValues().size());
            h.setProcessingTime(RecommendFunction.MAX_WAIT_MILLIS);
            assertEquals(List.of(1L, 2L, 4L, 5L), h.extractOutputValues().stream().map(CandidateSet::seq).toList());
            h.processElement(new StreamRecord<>(trigger("u", 6, "a", "b", "c", "d", "e", "f")));
            assertEquals(5, h.extractOutputValues().size(), "after giving up, the user goes on from the last released");
            assertEquals(0, h.numProcessingTimeTimers());
            assertEquals(1, dev.encore.stream.testing.KeyedStateEntries.of(h));
        }
    }

    @Test
    void coalescesABurstIntoOneRecomputationOfTheLatest() throws Exception {
        try (var h = harness(Duration.ofMillis(100))) {
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(trigger("u", 1, "a")));
            h.processElement(new StreamRecord<>(trigger("u", 2, "a", "b")));
            h.processElement(new StreamRecord<>(trigger("u", 3, "a", "b", "c")));
            assertEquals(0, h.extractOutputValues().size());
            h.setProcessingTime(100);
            List<CandidateSet> out = h.extractOutputValues();
            assertEquals(1, out.size());
            assertEquals(3, out.get(0).seq());
            assertEquals(3, out.get(0).covered());
            assertEquals(0, h.numProcessingTimeTimers());
            assertEquals(0, h.numEventTimeTimers());
            assertEquals(1, dev.encore.stream.testing.KeyedStateEntries.of(h), "the pending trigger is gone once answered");
        }
    }

    @Test
    void whenABoundedInputEndsTheFinalWatermarkAnswersWhatStillWaits() throws Exception {
        try (var h = harness(Duration.ofMinutes(1))) {
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(trigger("u", 1, "a")));
            h.processElement(new StreamRecord<>(trigger("u", 2, "a", "b")));
            h.processElement(new StreamRecord<>(trigger("v", 2, "x", "y")));
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
            h.processElement(new StreamRecord<>(trigger("u", 3, "a", "b", "c")));
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
            h.processElement(new StreamRecord<>(trigger("u", 1, "a", "b")));
            CandidateSet set = h.extractOutputValues().get(0);
            List<String> tracks = java.util.Arrays.stream(set.candidates()).map(Candidate::trackId).toList();
            assertEquals(List.of("a", "hot"), tracks, "repeats (a), then trending without the just-played b or the stale list");
        }
    }
}
