package dev.encore.stream.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.model.methods.RankingWeights;
import dev.encore.stream.recommend.Candidate;
import dev.encore.stream.recommend.CandidateSet;
import dev.encore.stream.recommend.Signal;
import dev.encore.stream.scoring.ScoredSet;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RerankerTest {
    private static final RankingWeights WEIGHTS = new RankingWeights(1f, 0.5f, 0.5f, 0.1f, 1f);

    private static Candidate candidate(String track, String artist, Signal signal, float value) {
        float[] signals = new float[Signal.COUNT];
        signals[signal.ordinal()] = value;
        return new Candidate(track, artist, signals);
    }

    private static CandidateSet set(Candidate... candidates) {
        return new CandidateSet("u", "e", "now", 0, 0, 1, 1, new String[] {"now"}, new byte[] {1}, new String[] {"now"}, candidates);
    }

    private static List<String> tracks(RankedItem[] items) {
        return Arrays.stream(items).map(RankedItem::trackId).toList();
    }

    @Test
    void blendsScaledSourcesAndTheModelsRelativeProbability() {
        CandidateSet set = set(candidate("a", "A", Signal.CO_LISTENING, 4), candidate("b", "B", Signal.CO_LISTENING, 2),
                candidate("c", "C", Signal.MODEL, 1));
        // Without the model: a (1.0) > b (0.5) > c (0).
        assertEquals(List.of("a", "b", "c"), tracks(new Reranker(WEIGHTS, 10, 2).rank(ScoredSet.degraded(set, "m"))));
        // The model strongly prefers c: exp(0) = 1 for c, exp(-5) for the others.
        RankedItem[] items = new Reranker(WEIGHTS, 10, 2).rank(new ScoredSet(set, new float[] {0f, 0f, 5f}, false, "m"));
        assertEquals(List.of("a", "c", "b"), tracks(items));
        assertEquals("CF", items[0].source());
        assertEquals("MODEL", items[1].source());
        assertEquals(1, items[0].rank());
        assertEquals(1f + (float) Math.exp(-5), items[0].score(), 1e-6);
    }

    @Test
    void capsTracksPerArtistAndCutsToK() {
        CandidateSet set = set(candidate("a1", "A", Signal.TRENDING, 9), candidate("a2", "A", Signal.TRENDING, 8),
                candidate("a3", "A", Signal.TRENDING, 7), candidate("b1", "B", Signal.TRENDING, 6),
                candidate("x1", "", Signal.TRENDING, 5), candidate("x2", "", Signal.TRENDING, 4));
        assertEquals(List.of("a1", "a2", "b1", "x1"), tracks(new Reranker(WEIGHTS, 4, 2).rank(ScoredSet.degraded(set, "m"))));
        assertEquals(List.of("a1", "b1", "x1", "x2"), tracks(new Reranker(WEIGHTS, 10, 1).rank(ScoredSet.degraded(set, "m"))));
    }
}
