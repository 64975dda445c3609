package dev.encore.stream.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.live.Candidate;
import dev.encore.model.live.ExplorationSlot;
import dev.encore.model.live.RankedItem;
import dev.encore.model.live.Ranker;
import dev.encore.model.live.Source;
import dev.encore.model.live.SourceBandit;
import dev.encore.model.methods.RankingWeights;
import dev.encore.schema.EventType;
import dev.encore.stream.recommend.AnsweredEvent;
import dev.encore.stream.recommend.CandidateSet;
import dev.encore.stream.scoring.ScoredSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * A set is ranked with the ranking weights of the model version that scored it, across a hot swap; the exploration
 * slot learns which source a listener takes, keeps it across a restart and passes it on to new listeners.
 */
class RerankFunctionTest {
    private static final RankingWeights CONFIGURED = RankingWeights.blend(1f, 0f, 1f, 0f, 0f);
    private static final RankingWeights MODEL_HEAVY = RankingWeights.blend(1f, 0f, 1f, 0f, 2f);

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

    @Test
    void theBanditLearnsTheSourceListenersTakeKeepsItAcrossARestartAndPassesItToNewListeners() throws Exception {
        OperatorSubtaskState snapshot;
        List<Source> first;
        List<Source> later;
        try (var rerank = exploring()) {
            first = picks(rerank, "u1", 0, 10, true);
            later = picks(rerank, "u1", 10, 300, true);
            snapshot = rerank.snapshot(1, 1);
        }
        assertTrue(first.stream().distinct().count() >= 3, "at first several sources are tried: " + first);
        assertTrue(share(later) > 0.9, "the listener plays the artist's pick, and only it: same-artist share " + share(later));
        try (var restarted = exploring(snapshot)) {
            double afterRestart = share(picks(restarted, "u1", 300, 400, true));
            double newcomer = share(picks(restarted, "u2", 0, 20, false));
            assertTrue(afterRestart > 0.9, "keyed and operator state restored: same-artist share " + afterRestart);
            assertTrue(newcomer > 0.5, "a new listener who takes nothing still starts from the population's prior: "
                    + "same-artist share " + newcomer);
        }
        try (var fresh = exploring()) {
            double newcomer = share(picks(fresh, "u2", 0, 20, false));
            assertTrue(newcomer < 0.5, "without the restored prior the same newcomer explores: same-artist share " + newcomer);
        }
    }

    /**
     * Sends sets {@code from} to {@code to} for {@code user}, each answering the previous list with a play of its
     * exploration pick when that came from the artist and the user {@code takesArtist}, of a track in no list
     * otherwise; the sources picked.
     */
    private static List<Source> picks(KeyedOneInputStreamOperatorTestHarness<String, ScoredSet, RankedList> rerank,
                                      String user, int from, int to, boolean takesArtist) throws Exception {
        List<Source> picks = new java.util.ArrayList<>();
        String answer = "elsewhere";
        for (int seq = from; seq < to; seq++) {
            rerank.processElement(new StreamRecord<>(ScoredSet.scored(exploreSet(user, seq, answer), LOGITS, "v1", CO_LISTENING_ONLY)));
            List<RankedList> out = rerank.extractOutputValues();
            RankedItem pick = Arrays.stream(out.get(out.size() - 1).items()).filter(RankedItem::explored).findFirst().orElseThrow();
            assertEquals(2, pick.rank());
            picks.add(pick.source());
            answer = takesArtist && pick.source() == Source.SAME_ARTIST ? pick.trackId() : "elsewhere";
        }
        return picks;
    }

    private static double share(List<Source> picks) {
        return picks.stream().filter(source -> source == Source.SAME_ARTIST).count() / (double) picks.size();
    }

    private static final float[] LOGITS = {0f, 1f, 1f, 1f, 1f, 3f};
    /** Co-listening alone in the blend: "top" leads every list, the slot at rank 2 is open to every source. */
    private static final RankingWeights CO_LISTENING_ONLY = RankingWeights.blend(1f, 0f, 0f, 0f, 0f);

    private static KeyedOneInputStreamOperatorTestHarness<String, ScoredSet, RankedList> exploring() throws Exception {
        return exploring(null);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ScoredSet, RankedList> exploring(OperatorSubtaskState state)
            throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(new RerankFunction(
                        new Ranker(CO_LISTENING_ONLY, 10, 20), Duration.ofDays(1), new ExplorationSlot(2), new SourceBandit(100, 10_000))),
                (ScoredSet s) -> s.set().userId(), Types.STRING);
        if (state != null) {
            harness.initializeState(state);
        }
        harness.open();
        return harness;
    }

    /** One candidate per source beyond the top track, so every source can fill the slot at rank 2. */
    private static CandidateSet exploreSet(String user, long seq, String answered) {
        Candidate[] candidates = {
                new Candidate("top", "a1", evidence(Source.CO_LISTENING, 5f)),
                new Candidate("colistened", "a2", evidence(Source.CO_LISTENING, 1f)),
                new Candidate("repeated", "a3", evidence(Source.REPEAT, 1f)),
                new Candidate("trending", "a4", evidence(Source.TRENDING, 1f)),
                new Candidate("by-artist", "a0", evidence(Source.SAME_ARTIST, 1f)),
                new Candidate("modelled", "a5", new float[Source.COUNT])};
        return new CandidateSet(user, user + "-e" + seq, "played", seq, seq, seq,
                new AnsweredEvent[] {new AnsweredEvent(answered, EventType.PLAY, "", 0)}, new String[] {"played"},
                new String[] {"a0"}, new byte[] {0}, new String[] {"played"}, candidates, "");
    }

    private static float[] evidence(Source source, float value) {
        float[] evidence = new float[Source.COUNT];
        evidence[source.ordinal()] = value;
        return evidence;
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
