package dev.encore.stream.recommend;

import static dev.encore.stream.testing.Triggers.trigger;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.stream.sequence.Trigger;
import dev.encore.stream.trending.TrendingSnapshot;
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
                new RecommendFunction(new CandidateAssembler(50, ContentCandidates.NONE), coalesce, Duration.ofDays(30)),
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
            assertEquals(1, dev.encore.stream.testing.KeyedStateEntries.of(h), "the pending trigger is gone once answered");
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
