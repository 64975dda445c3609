package dev.encore.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.model.online.Popularity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RankingTest {
    private final Popularity popularity = new Popularity(Duration.ofHours(1));

    RankingTest() {
        Instant t = Instant.EPOCH;
        popularity.add(0, 1, t);
        popularity.add(1, 5, t);
        popularity.add(2, 3, t);
        popularity.add(3, 3, t);
    }

    @Test
    void ranksByScoreThenPopularityThenIndex() {
        float[] scores = {0.5f, 0f, 0f, 0f, 0.9f};
        assertEquals(1, Ranking.rankOf(scores, 5, 4, popularity));
        assertEquals(2, Ranking.rankOf(scores, 5, 0, popularity));
        assertEquals(3, Ranking.rankOf(scores, 5, 1, popularity), "ties fall back to popularity");
        assertEquals(4, Ranking.rankOf(scores, 5, 2, popularity), "equal popularity: lower index first");
        assertEquals(5, Ranking.rankOf(scores, 5, 3, popularity));
        assertArrayEquals(new int[] {4, 0, 1}, Ranking.top(scores, 5, 3, popularity));
    }

    @Test
    void metricsMatchHandComputedValues() {
        MetricsAccumulator sum = new MetricsAccumulator();
        double[] info = {1, 1};
        sum.add(1, true, new int[] {0, 1}, info, 2);     // hit at 1: ndcg 1, rr 1
        sum.add(3, false, new int[] {1, 2}, info, 1);    // hit at 3: ndcg 1/log2(4) = 0.5, rr 1/3
        sum.add(11, false, new int[] {3, 4}, info, 1);   // outside the top 10: nothing
        sum.add(0, true, new int[] {0, 4}, info, 2);     // unrankable target: a miss
        MethodMetrics m = sum.result(10);
        assertEquals(0.5, m.hr(), 1e-9);
        assertEquals(1.5 / 4, m.ndcg(), 1e-9);
        assertEquals((1 + 1.0 / 3) / 4, m.mrr(), 1e-9);
        assertEquals(0.5, m.artistHr(), 1e-9);
        assertEquals(5 / 10.0, m.coverage(), 1e-9);
        assertEquals(1.0, m.novelty(), 1e-9);
        assertEquals((1 + 0.5 + 0.5 + 1) / 4, m.artistDiversity(), 1e-9, "distinct artists per list, averaged");
        assertEquals(4, m.predictions());
    }
}
