package dev.encore.model.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HeaviestFirstTest {
    @Test
    void heaviestFirstWithTiesByIdEvenWhereTheLimitCutsATie() {
        float[] weights = {1f, 3f, 2f, 3f, 3f, -1f};
        String[] ids = {"a", "d", "b", "c", "e", "f"};
        assertArrayEquals(new int[] {3, 1, 4, 2, 0, 5}, HeaviestFirst.order(weights, ids, 10));
        assertArrayEquals(new int[] {3, 1}, HeaviestFirst.order(weights, ids, 2), "the two first ids of the tie at 3");
        assertArrayEquals(new int[0], HeaviestFirst.order(weights, ids, 0));
    }

    @Test
    void notANumberComesAfterEveryNumberAndZeroBeforeNegativeZero() {
        float[] weights = {Float.NaN, Float.NEGATIVE_INFINITY, -0f, 0f, Float.POSITIVE_INFINITY};
        String[] ids = {"a", "b", "c", "d", "e"};
        assertArrayEquals(new int[] {4, 3, 2, 1, 0}, HeaviestFirst.order(weights, ids, 5));
    }

    @Test
    void ordersAsTheComparatorItReplaced() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            boolean longRuns = round % 10 == 0; // runs of ties past the insertion sort's reach (64)
            int n = random.nextInt(longRuns ? 300 : 60);
            float[] weights = new float[n];
            String[] ids = new String[n];
            for (int i = 0; i < n; i++) {
                weights[i] = longRuns ? random.nextInt(2) : random.nextInt(8) - 3 + (random.nextBoolean() ? 0.5f : 0f);
                ids[i] = "t" + random.nextInt(1_000_000) + "-" + i;
            }
            int limit = random.nextInt(n + 2);
            int[] expected = IntStream.range(0, n).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -weights[i]).thenComparing(i -> ids[i]))
                    .limit(limit).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, HeaviestFirst.order(weights, ids, limit), "round " + round);
        }
    }
}
