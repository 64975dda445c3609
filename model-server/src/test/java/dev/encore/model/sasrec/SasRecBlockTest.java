package dev.encore.model.sasrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SasRecBlockTest {
    private static final SasRecConfig CONFIG = new SasRecConfig(8, 16, 2, 2, 0f, 4, 1e-3f, 1, 1, 4, 7);

    @Test
    void changingAFuturePositionLeavesEarlierOutputsUnchanged() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SasRecBlock block = new SasRecBlock(CONFIG, 20);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 8), new Shape(1, 8));
            long[] items = {0, 0, 3, 4, 5, 6, 7, 8};
            long[] types = {0, 0, 1, 1, 2, 1, 1, 1};
            float[][] before = hidden(block, manager, items, types);

            long[] changedFuture = items.clone();
            changedFuture[6] = 15;
            float[][] afterFutureChange = hidden(block, manager, changedFuture, types);
            for (int position = 0; position < 6; position++) {
                assertArrayEquals(before[position], afterFutureChange[position], 1e-6f, "position " + position);
            }
            assertFalse(Arrays.equals(before[6], afterFutureChange[6]), "the changed position itself must change");

            long[] changedPast = items.clone();
            changedPast[2] = 15;
            float[][] afterPastChange = hidden(block, manager, changedPast, types);
            assertFalse(Arrays.equals(before[7], afterPastChange[7]), "later positions must see earlier ones");
        }
    }

    @Test
    void theEventTypeChangesTheRepresentation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SasRecBlock block = new SasRecBlock(CONFIG, 20);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 8), new Shape(1, 8));
            long[] items = {0, 0, 0, 0, 0, 3, 4, 5};
            float[][] played = hidden(block, manager, items, new long[] {0, 0, 0, 0, 0, 1, 1, 1});
            float[][] skipped = hidden(block, manager, items, new long[] {0, 0, 0, 0, 0, 1, 1, 2});
            assertFalse(Arrays.equals(played[7], skipped[7]));
        }
    }

    private static float[][] hidden(SasRecBlock block, NDManager manager, long[] items, long[] types) {
        try (NDManager request = manager.newSubManager()) {
            NDList out = block.forward(new ParameterStore(request, false),
                    new NDList(request.create(items, new Shape(1, items.length)), request.create(types, new Shape(1, types.length))),
                    false);
            NDArray hidden = out.get(0);
            float[] flat = hidden.toFloatArray();
            int dim = CONFIG.dim();
            float[][] rows = new float[items.length][];
            for (int i = 0; i < items.length; i++) {
                rows[i] = Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
            }
            return rows;
        }
    }
}
