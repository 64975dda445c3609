package dev.encore.model.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {
    @Test
    void kthLargestPositiveMatchesSorting() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(300);
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(50);
            }
            int k = 1 + random.nextInt(60);
            float[] positives = new float[n];
            int m = 0;
            for (float v : values) {
                if (v > 0) {
                    positives[m++] = v;
                }
            }
            float[] sorted = Arrays.copyOf(positives, m);
            Arrays.sort(sorted);
            float expected = m <= k ? Float.NEGATIVE_INFINITY : sorted[m - k];
            assertEquals(expected, TopK.kthLargestPositive(values, n, k, new float[n]), "round " + round);
        }
    }
}
