package dev.encore.model.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.model.methods.RankingWeights;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankerTest {
    private static final RankingWeights WEIGHTS = new RankingWeights(1f, 0.5f, 0.5f, 0.1f, 1f);

    static Candidate candidate(String track, String artist, Source source, float value) {
        float[] evidence = new float[Source.COUNT];
        evidence[source.ordinal()] = value;
        return new Candidate(track, artist, evidence);
    }

    private static List<String> tracks(RankedItem[] items) {
        return Arrays.stream(items).map(RankedItem::trackId).toList();
    }

    @Test
    void blendsScaledSourcesAndTheModelsRelativeProbability() {
        Candidate[] candidates = {candidate("a", "A", Source.CO_LISTENING, 4), candidate("b", "B", Source.CO_LISTENING, 2),
                candidate("c", "C", Source.MODEL, 1)};
        // Without the model c has no weighted evidence at all, so it is not shown.
        assertEquals(List.of("a", "b"), tracks(new Ranker(WEIGHTS, 10, 2).rank(candidates, null, "now")));
        // The model strongly prefers c: exp(0) = 1 for c, exp(-5) for the others.
        RankedItem[] items = new Ranker(WEIGHTS, 10, 2).rank(candidates, new float[] {0f, 0f, 5f}, "now");
        assertEquals(List.of("a", "c", "b"), tracks(items));
        assertEquals(Source.CO_LISTENING, items[0].source());
        assertEquals("often played around now", items[0].reason());
        assertEquals(Source.MODEL, items[1].source());
        assertEquals(1, items[0].rank());
        assertEquals(1f + (float) Math.exp(-5), items[0].score(), 1e-6);
    }

    @Test
    void labelsEachItemWithTheSourceThatAddedMostToItsScore() {
        Candidate both = candidate("x", "X", Source.TRENDING, 10);
        both.evidence()[Source.CO_LISTENING.ordinal()] = 1;
        Candidate[] candidates = {both, candidate("y", "Y", Source.CO_LISTENING, 4)};
        RankedItem[] items = new Ranker(WEIGHTS, 10, 2).rank(candidates, null, "now");
        // x: co-listening 1/4 = 0.25 against trending 0.1 x 10/10 = 0.1.
        assertEquals(List.of("y", "x"), tracks(items));
        assertEquals(Source.CO_LISTENING, items[1].source());
    }

    @Test
    void aTrackTheModelDoesNotKnowGetsNoModelTermAndZeroWeightSourcesShowNothing() {
        Candidate[] candidates = {candidate("known", "A", Source.TRENDING, 1), candidate("unknown", "B", Source.TRENDING, 1)};
        RankedItem[] items = new Ranker(WEIGHTS, 10, 2).rank(candidates, new float[] {-3f, Float.NaN}, "now");
        assertEquals(List.of("known", "unknown"), tracks(items));
        assertEquals(0.1f + 1f, items[0].score(), 1e-6);
        assertEquals(0.1f, items[1].score(), 1e-6);

        RankingWeights noRepeats = new RankingWeights(1f, 0f, 0f, 0f, 0f);
        Candidate[] repeats = {candidate("again", "A", Source.REPEAT, 3)};
        assertEquals(List.of(), tracks(new Ranker(noRepeats, 10, 2).rank(repeats, new float[] {1f}, "now")));
    }

    @Test
    void trendingIsTheColdStartFloorBelowAnyEvidenceOfTheListenersOwn() {
        RankingWeights trendingOff = new RankingWeights(1f, 0f, 0f, 0f, 0f);
        Candidate weak = candidate("weak-neighbour", "A", Source.CO_LISTENING, 1);
        Candidate[] candidates = {candidate("hit", "H", Source.TRENDING, 100), candidate("strong", "S", Source.CO_LISTENING, 20), weak};
        RankedItem[] items = new Ranker(trendingOff, 10, 2).rank(candidates, null, "now");
        assertEquals(List.of("strong", "weak-neighbour", "hit"), tracks(items));
        assertEquals(Source.TRENDING, items[2].source());
        assertEquals("trending now", items[2].reason());
        assertEquals(Ranker.COLD_START_TRENDING, items[2].score(), 1e-9);
    }

    @Test
    void capsTracksPerArtistCutsToKAndBreaksTiesByTrackId() {
        Candidate[] candidates = {candidate("a1", "A", Source.TRENDING, 9), candidate("a2", "A", Source.TRENDING, 8),
                candidate("a3", "A", Source.TRENDING, 7), candidate("b1", "B", Source.TRENDING, 6),
                candidate("x2", "", Source.TRENDING, 5), candidate("x1", "", Source.TRENDING, 5)};
        assertEquals(List.of("a1", "a2", "b1", "x1"), tracks(new Ranker(WEIGHTS, 4, 2).rank(candidates, null, "now")));
        assertEquals(List.of("a1", "b1", "x1", "x2"), tracks(new Ranker(WEIGHTS, 10, 1).rank(candidates, null, "now")));
    }

    @Test
    void theDiversityTermMakesARepeatedArtistBeatTheNextArtistByAMargin() {
        // Scores relative to the best (a1 = 1.0): a2 0.9, b1 0.8, c1 0.5.
        Candidate[] candidates = {candidate("a1", "A", Source.TRENDING, 10), candidate("a2", "A", Source.TRENDING, 9),
                candidate("b1", "B", Source.TRENDING, 8), candidate("c1", "C", Source.TRENDING, 5)};
        assertEquals(List.of("a1", "a2", "b1", "c1"), tracks(new Ranker(WEIGHTS, 4, 20, 0f).rank(candidates, null, "now")));
        // 0.2: a2 is worth 0.9 - 0.2 = 0.7 after a1, below b1's 0.8 but above c1's 0.5.
        assertEquals(List.of("a1", "b1", "a2", "c1"), tracks(new Ranker(WEIGHTS, 4, 20, 0.2f).rank(candidates, null, "now")));
        // 0.5: a2 is worth 0.4, below c1.
        RankedItem[] diverse = new Ranker(WEIGHTS, 4, 20, 0.5f).rank(candidates, null, "now");
        assertEquals(List.of("a1", "b1", "c1", "a2"), tracks(diverse));
        assertEquals(List.of(1, 2, 3, 4), java.util.Arrays.stream(diverse).map(RankedItem::rank).toList(), "ranks follow the new order");
        assertEquals(0.9f * Source.TRENDING.weightIn(WEIGHTS), diverse[3].score(), 1e-6, "the score shown is the item's own");
    }
}
