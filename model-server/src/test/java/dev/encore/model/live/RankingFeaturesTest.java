package dev.encore.model.live;

import static dev.encore.model.live.RankerTest.candidate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RankingFeaturesTest {
    private static final int CO = RankingFeatures.scaledColumn(Source.CO_LISTENING);
    private static final int TRENDING = RankingFeatures.scaledColumn(Source.TRENDING);
    private static final int RATIO = RankingFeatures.scaledColumn(Source.MODEL);
    private static final int PROPOSERS = RankingFeatures.COUNT - 2;

    @Test
    void eachSourceIsScaledToItsBestCandidateAndKeptRawOnALogScale() {
        Candidate both = candidate("b", "B", Source.CO_LISTENING, 2);
        both.evidence()[Source.TRENDING.ordinal()] = 10;
        float[][] x = RankingFeatures.of(new Candidate[] {candidate("a", "A", Source.CO_LISTENING, 4), both}, null, new String[0]);
        assertEquals(1f, x[0][CO]);
        assertEquals(0.5f, x[1][CO]);
        assertEquals((float) Math.log1p(4), x[0][CO + 1], 1e-6);
        assertEquals(0f, x[0][TRENDING]);
        assertEquals(1f, x[1][TRENDING]);
        assertEquals(1f, x[0][PROPOSERS]);
        assertEquals(2f, x[1][PROPOSERS]);
    }

    @Test
    void theModelsColumnsAreItsRelativeProbabilityLogScaleKnowledgeAndRank() {
        Candidate[] candidates = {candidate("a", "A", Source.CO_LISTENING, 1), candidate("b", "B", Source.CO_LISTENING, 1),
                candidate("new", "C", Source.CO_LISTENING, 1)};
        float[][] x = RankingFeatures.of(candidates, new float[] {0f, 5f, Float.NaN}, new String[0]);
        assertArrayEquals(new float[] {(float) Math.exp(-5), -0.5f, 1f, 0.5f}, java.util.Arrays.copyOfRange(x[0], RATIO, RATIO + 4), 1e-6f);
        assertArrayEquals(new float[] {1f, 0f, 1f, 1f}, java.util.Arrays.copyOfRange(x[1], RATIO, RATIO + 4), 1e-6f);
        assertArrayEquals(new float[] {0f, -1f, 0f, 0f}, java.util.Arrays.copyOfRange(x[2], RATIO, RATIO + 4),
                "a track the model does not know: no probability, the floor of the log scale");
        float[][] far = RankingFeatures.of(candidates, new float[] {-100f, 0f, Float.NaN}, new String[0]);
        assertEquals(-1f, far[0][RATIO + 1], "the log scale is clipped at -10");
    }

    @Test
    void theLastColumnIsTheShareOfTheListenersEventsByTheTracksArtist() {
        Candidate[] candidates = {candidate("a", "A", Source.CO_LISTENING, 1), candidate("b", "B", Source.CO_LISTENING, 1),
                candidate("unknown", "", Source.CO_LISTENING, 1)};
        float[][] x = RankingFeatures.of(candidates, null, new String[] {"A", "B", "A", "", "A", ""});
        assertEquals(0.5f, x[0][RankingFeatures.COUNT - 1]);
        assertEquals(1f / 6, x[1][RankingFeatures.COUNT - 1], 1e-6);
        assertEquals(0f, x[2][RankingFeatures.COUNT - 1], "an unknown artist is nobody's favourite");
        assertEquals(0f, RankingFeatures.of(candidates, null, new String[0])[0][RankingFeatures.COUNT - 1], "a new listener");
    }

    @Test
    void withoutTheModelItsColumnsAreZero() {
        float[][] x = RankingFeatures.of(new Candidate[] {candidate("a", "A", Source.CO_LISTENING, 1)}, null, new String[0]);
        assertArrayEquals(new float[4], java.util.Arrays.copyOfRange(x[0], RATIO, RATIO + 4));
    }
}
