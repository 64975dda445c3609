package dev.encore.model.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.methods.RankingWeights;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankerTest {
    private static final RankingWeights WEIGHTS = RankingWeights.blend(1f, 0.5f, 0.5f, 0.1f, 1f);

    static Candidate candidate(String track, String artist, Source source, float value) {
        float[] evidence = new float[Source.COUNT];
        evidence[source.ordinal()] = value;
        return new Candidate(track, artist, evidence);
    }

    private static List<String> tracks(RankedItem[] items) {
        return Arrays.stream(items).map(RankedItem::trackId).toList();
    }

    @Test
    void ranksByTheNetsScoreShownAsTheProbabilityRelativeToTheBest() {
        Candidate[] candidates = {candidate("a", "A", Source.CO_LISTENING, 4), candidate("b", "B", Source.CO_LISTENING, 2),
                candidate("c", "C", Source.TRENDING, 1), candidate("d", "D", Source.TRENDING, 10)};
        // Without the model: a 1, b 0.5, c 0.1 x 0.1, d 0.1.
        RankedItem[] plain = new Ranker(WEIGHTS, 10, 2).rank(candidates, null, new String[0], "now");
        assertEquals(List.of("a", "b", "d", "c"), tracks(plain));
        assertEquals(1f, plain[0].score());
        assertEquals((float) Math.exp(0.1 - 1), plain[2].score(), 1e-6);
        // The model strongly prefers c: its relative probability exp(0) = 1, exp(-5) for the others.
        RankedItem[] items = new Ranker(WEIGHTS, 10, 2).rank(candidates, new float[] {0f, 0f, 5f, 0f}, new String[0], "now");
        assertEquals(List.of("c", "a", "b", "d"), tracks(items));
        assertEquals(Source.MODEL, items[0].source());
        assertEquals("fits your recent listening", items[0].reason());
        assertEquals(Source.CO_LISTENING, items[1].source());
        assertEquals(1, items[0].rank());
        assertEquals((float) Math.exp(1 + Math.exp(-5) - 1.01), items[1].score(), 1e-6);
    }

    @Test
    void labelsEachItemWithItsHighestScaledEvidence() {
        Candidate both = candidate("x", "X", Source.TRENDING, 10);
        both.evidence()[Source.CO_LISTENING.ordinal()] = 1;
        Candidate[] candidates = {both, candidate("y", "Y", Source.CO_LISTENING, 4)};
        RankedItem[] items = new Ranker(WEIGHTS, 10, 2).rank(candidates, null, new String[0], "now");
        // x: co-listening 1/4 = 0.25 scaled, trending 10/10 = 1: the most trending candidate, a weak neighbour.
        assertEquals(List.of("y", "x"), tracks(items));
        assertEquals(Source.TRENDING, items[1].source());
        assertEquals("trending now", items[1].reason());
    }

    @Test
    void aListWithoutTheModelsScoresIsRankedByTheNetLearnedWithoutThem() {
        RankingWeights trendingWithModel = new RankingWeights(RankingWeights.blend(0f, 0f, 0f, 1f, 0f).withModel(),
                RankingWeights.blend(1f, 0f, 0f, 0f, 0f).withoutModel());
        Candidate[] candidates = {candidate("hit", "H", Source.TRENDING, 100), candidate("neighbour", "N", Source.CO_LISTENING, 20)};
        Ranker ranker = new Ranker(trendingWithModel, 10, 2);
        assertEquals(List.of("hit", "neighbour"), tracks(ranker.rank(candidates, new float[] {0f, 0f}, new String[0], "now")));
        assertEquals(List.of("neighbour", "hit"), tracks(ranker.rank(candidates, null, new String[0], "now")));
    }

    @Test
    void aTrackTheModelDoesNotKnowGetsNoModelTerm() {
        Candidate[] candidates = {candidate("unknown", "B", Source.TRENDING, 1), candidate("known", "A", Source.TRENDING, 1)};
        RankedItem[] items = new Ranker(WEIGHTS, 10, 2).rank(candidates, new float[] {Float.NaN, -3f}, new String[0], "now");
        assertEquals(List.of("known", "unknown"), tracks(items));
        assertEquals((float) Math.exp(-1), items[1].score(), 1e-6, "0.1 against 0.1 + 1 for the only track it knows");
    }

    @Test
    void capsTracksPerArtistCutsToKAndBreaksTiesByTrackId() {
        Candidate[] candidates = {candidate("a1", "A", Source.TRENDING, 9), candidate("a2", "A", Source.TRENDING, 8),
                candidate("a3", "A", Source.TRENDING, 7), candidate("b1", "B", Source.TRENDING, 6),
                candidate("x2", "", Source.TRENDING, 5), candidate("x1", "", Source.TRENDING, 5)};
        assertEquals(List.of("a1", "a2", "b1", "x1"), tracks(new Ranker(WEIGHTS, 4, 2).rank(candidates, null, new String[0], "now")));
        assertEquals(List.of("a1", "b1", "x1", "x2"), tracks(new Ranker(WEIGHTS, 10, 1).rank(candidates, null, new String[0], "now")));
    }

    @Test
    void theDiversityTermMakesARepeatedArtistBeatTheNextArtistByAMargin() {
        // Trending alone at weight 1: scores relative to the best (a1 = 1.0) of a2 0.9, b1 0.8, c1 0.5.
        RankingWeights trending = RankingWeights.blend(0f, 0f, 0f, 1f, 0f);
        Candidate[] candidates = {candidate("a1", "A", Source.TRENDING, 10), relative("a2", "A", 0.9),
                relative("b1", "B", 0.8), relative("c1", "C", 0.5)};
        assertEquals(List.of("a1", "a2", "b1", "c1"), tracks(new Ranker(trending, 4, 20, 0f).rank(candidates, null, new String[0], "now")));
        // 0.2: a2 is worth 0.9 - 0.2 = 0.7 after a1, below b1's 0.8 but above c1's 0.5.
        assertEquals(List.of("a1", "b1", "a2", "c1"), tracks(new Ranker(trending, 4, 20, 0.2f).rank(candidates, null, new String[0], "now")));
        // 0.5: a2 is worth 0.4, below c1.
        RankedItem[] diverse = new Ranker(trending, 4, 20, 0.5f).rank(candidates, null, new String[0], "now");
        assertEquals(List.of("a1", "b1", "c1", "a2"), tracks(diverse));
        assertEquals(List.of(1, 2, 3, 4), Arrays.stream(diverse).map(RankedItem::rank).toList(), "ranks follow the new order");
        assertEquals(0.9f, diverse[3].score(), 1e-5, "the score shown is the item's own");
    }

    /** A trending candidate whose score is {@code ratio} of the best's (trending 10) at trending weight 1. */
    private static Candidate relative(String track, String artist, double ratio) {
        return candidate(track, artist, Source.TRENDING, (float) (10 * (1 + Math.log(ratio))));
    }

    @Test
    void withoutDiversityTheListIsTheBestScoresUnderTheArtistCap() {
        // Ranked by hand for random lists: by score (ties by track id), each artist's tracks past the cap passed over.
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 100; round++) {
            Candidate[] candidates = new Candidate[1 + random.nextInt(80)];
            for (int i = 0; i < candidates.length; i++) {
                String artist = random.nextInt(5) == 0 ? "" : "A" + random.nextInt(6);
                candidates[i] = candidate("t" + i, artist, Source.TRENDING, 1 + random.nextInt(5)); // many ties
            }
            int k = 1 + random.nextInt(20);
            int cap = 1 + random.nextInt(3);
            RankedItem[] items = new Ranker(WEIGHTS, k, cap).rank(candidates, null, new String[0], "now");
            List<RankedItem> byScore = Arrays.stream(new Ranker(WEIGHTS, candidates.length, candidates.length)
                    .rank(candidates, null, new String[0], "now")).toList();
            java.util.Map<String, Integer> perArtist = new java.util.HashMap<>();
            List<String> expected = new java.util.ArrayList<>();
            for (int i = 1; i < byScore.size(); i++) {
                float before = byScore.get(i - 1).score();
                float now = byScore.get(i).score();
                assertTrue(before > now || before == now && byScore.get(i - 1).trackId().compareTo(byScore.get(i).trackId()) < 0,
                        "uncapped: by score, ties by track id");
            }
            for (RankedItem item : byScore) {
                String artist = item.artistId();
                if (expected.size() < k && (artist.isEmpty() || perArtist.merge(artist, 1, Integer::sum) <= cap)) {
                    expected.add(item.trackId());
                }
            }
            assertEquals(expected, tracks(items), "round " + round);
        }
    }
}
