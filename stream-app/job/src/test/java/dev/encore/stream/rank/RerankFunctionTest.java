package dev.encore.stream.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.model.live.Candidate;
import dev.encore.model.live.Ranker;
import dev.encore.model.live.Source;
import dev.encore.model.methods.RankingWeights;
import dev.encore.schema.EventType;
import dev.encore.stream.recommend.AnsweredEvent;
import dev.encore.stream.recommend.CandidateSet;
import dev.encore.stream.scoring.ScoredSet;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** A set is ranked with the blend weights of the model version that scored it, across a hot swap. */
class RerankFunctionTest {
    private static final RankingWeights CONFIGURED = new RankingWeights(1f, 0f, 1f, 0f, 0f);
    private static final RankingWeights MODEL_HEAVY = new RankingWeights(1f, 0f, 1f, 0f, 2f);

    @Test
    void eachSetIsRankedWithItsOwnVersionsWeightsAndUnscoredOnesWithTheConfiguredOnes() throws Exception {
        try (var rerank = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new RerankFunction(new Ranker(CONFIGURED, 10, 20), Duration.ofDays(1)),
                (ScoredSet s) -> s.set().userId(), Types.STRING)) {
            // "colistened" has the stronger co-listening evidence, "modelled" the far higher model logit.
            float[] logits = {-5f, 0f};
            rerank.processElement(new StreamRecord<>(ScoredSet.scored(set("u1", 1), logits, "v1", CONFIGURED)));
            rerank.processElement(new StreamRecord<>(ScoredSet.scored(set("u1", 2), logits, "v2", MODEL_HEAVY)));
            rerank.processElement(new StreamRecord<>(ScoredSet.degraded(set("u1", 3), "v2")));

            List<String> firsts = rerank.extractOutputValues().stream().map(list -> list.items()[0].trackId()).toList();
            assertEquals(List.of("colistened", "modelled", "colistened"), firsts);
            assertEquals(List.of("v1", "v2", "v2"), rerank.extractOutputValues().stream().map(RankedList::modelVersion).toList());
            assertEquals(List.of(false, false, true), rerank.extractOutputValues().stream().map(RankedList::degraded).toList());
            assertEquals(List.of("", "", ""), rerank.extractOutputValues().stream().map(RankedList::arm).toList(), "no experiment");
        }
    }

    @Test
    void aSupersededSetMakesNoList() throws Exception {
        try (var rerank = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new RerankFunction(new Ranker(CONFIGURED, 10, 20), Duration.ofDays(1)),
                (ScoredSet s) -> s.set().userId(), Types.STRING)) {
            float[] logits = {-5f, 0f};
            rerank.processElement(new StreamRecord<>(ScoredSet.scored(set("u1", 1), logits, "v1", CONFIGURED)));
            rerank.processElement(new StreamRecord<>(ScoredSet.superseded(set("u1", 2), "v1")));
            rerank.processElement(new StreamRecord<>(ScoredSet.scored(set("u1", 3), logits, "v1", CONFIGURED)));

            assertEquals(List.of("e1", "e3"), rerank.extractOutputValues().stream().map(RankedList::triggerEventId).toList());
        }
    }

    private static CandidateSet set(String user, long seq) {
        Candidate colistened = new Candidate("colistened", "a1", evidence(1f));
        Candidate modelled = new Candidate("modelled", "a2", evidence(0.5f));
        return new CandidateSet(user, "e" + seq, "played", seq, seq, seq, new AnsweredEvent[] {new AnsweredEvent("played", EventType.PLAY, "", 0)}, new String[] {"played"},
                new String[] {"a0"}, new byte[] {0}, new String[] {"played"}, new Candidate[] {colistened, modelled}, "");
    }

    private static float[] evidence(float coListening) {
        float[] evidence = new float[Source.COUNT];
        evidence[Source.CO_LISTENING.ordinal()] = coListening;
        return evidence;
    }
}
