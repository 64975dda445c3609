package dev.encore.model.sasrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * A sampled negative that is the position's own next track leaves the softmax, and so does a follower draw that is
 * that track or padding; every other logit is untouched.
 */
class AccidentalHitsTest {

    @Test
    void aNegativeThatIsThePositionsTargetGetsNoProbability() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // One window, two positions (next tracks 7 and 9), three negatives (7, 8, 9).
            NDArray logits = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(1, 2, 3));
            NDArray targets = manager.create(new long[] {7, 9}, new Shape(1, 2));
            NDArray negatives = manager.create(new long[] {7, 8, 9});

            NDArray masked = SasRecTrainer.withoutAccidentalHits(logits, targets, negatives);

            float[] values = masked.toFloatArray();
            assertArrayEquals(new float[] {2, 3, 4, 5}, new float[] {values[1], values[2], values[3], values[4]});
            float[] probabilities = masked.softmax(2).toFloatArray();
            assertEquals(0f, probabilities[0], "position 1: negative 7 is its target");
            assertEquals(0f, probabilities[5], "position 2: negative 9 is its target");
            assertEquals(1f, probabilities[1] + probabilities[2], 1e-6f);
        }
    }

    @Test
    void aFollowerThatIsThePositionsTargetOrPaddingGetsNoProbability() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // One window, two positions (next tracks 7 and 9), two followers each: (7, 8) and (0, 5).
            NDArray logits = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 2, 2));
            NDArray targets = manager.create(new long[] {7, 9}, new Shape(1, 2));
            NDArray followers = manager.create(new long[] {7, 8, 0, 5}, new Shape(1, 2, 2));

            float[] values = SasRecTrainer.withoutFollowerHits(logits, targets, followers).toFloatArray();

            assertEquals(2f, values[1], "follower 8 of position 1 is a negative");
            assertEquals(4f, values[3], "follower 5 of position 2 is a negative");
            assertTrue(values[0] < -1000, "follower 7 is position 1's target: " + values[0]);
            assertTrue(values[2] < -1000, "position 2's padding draw: " + values[2]);
        }
    }
}
