package dev.encore.model.sasrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    private static final SasRecConfig CONFIG = new SasRecConfig(8, 16, 2, 2, 0f, 4, 1e-3f, 1, 1, 4, 7, 0f, 0);

    @Test
    void changingAFuturePositionLeavesEarlierOutputsUnchanged() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SasRecBlock block = new SasRecBlock(CONFIG, 20, 6);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 8), new Shape(1, 8), new Shape(1, 8));
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
            SasRecBlock block = new SasRecBlock(CONFIG, 20, 6);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 8), new Shape(1, 8), new Shape(1, 8));
            long[] items = {0, 0, 0, 0, 0, 3, 4, 5};
            float[][] played = hidden(block, manager, items, new long[] {0, 0, 0, 0, 0, 1, 1, 1});
            float[][] skipped = hidden(block, manager, items, new long[] {0, 0, 0, 0, 0, 1, 1, 2});
            assertFalse(Arrays.equals(played[7], skipped[7]));
        }
    }

    @Test
    void anUnknownTrackIsReadThroughItsArtist() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SasRecBlock block = new SasRecBlock(CONFIG, 20, 6);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 8), new Shape(1, 8), new Shape(1, 8));
            long[] items = {0, 0, 0, 0, 0, 3, 4, ItemVocabulary.OUT_OF_VOCABULARY};
            long[] types = {0, 0, 0, 0, 0, 1, 1, 1};
            float[][] byOneArtist = hidden(block, manager, items, new long[] {0, 0, 0, 0, 0, 2, 3, 4}, types);
            float[][] byAnother = hidden(block, manager, items, new long[] {0, 0, 0, 0, 0, 2, 3, 5}, types);
            assertArrayEquals(byOneArtist[6], byAnother[6], 1e-6f, "earlier positions do not see the artist of a later track");
            assertFalse(Arrays.equals(byOneArtist[7], byAnother[7]), "two unknown tracks by different artists must differ");
        }
    }

    @Test
    void scoringComputesOnlyTheNewestPositionAndAgreesWithTheFullPass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SasRecBlock block = new SasRecBlock(CONFIG, 20, 6);
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 8), new Shape(2, 8), new Shape(2, 8));
            long[] items = {0, 0, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0, 9, 10};
            long[] artists = {0, 0, 2, 3, 4, 5, 2, 3, 0, 0, 0, 0, 0, 0, 4, 5};
            long[] types = {0, 0, 1, 1, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 3};
            try (NDManager request = manager.newSubManager()) {
                Shape shape = new Shape(2, 8);
                NDList inputs = new NDList(request.create(items, shape), request.create(artists, shape), request.create(types, shape));
                // Dropout is 0 in CONFIG, so the training pass computes exactly what scoring would, at every position.
                NDArray full = block.forward(new ParameterStore(request, false), inputs, true).get(0);
                NDArray last = block.forward(new ParameterStore(request, false), inputs, false).get(0);
                assertEquals(new Shape(2, 1, CONFIG.dim()), last.getShape());
                assertArrayEquals(full.get(":, -1, :").toFloatArray(), last.get(":, -1, :").toFloatArray(), 1e-5f);
            }
        }
    }

    /**
     * Hidden states at every position, with each known track's artist derived from its id, as a vocabulary would
     * give it (a training pass: scoring computes the newest position only; dropout is 0 here).
     */
    private static float[][] hidden(SasRecBlock block, NDManager manager, long[] items, long[] types) {
        long[] artists = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            artists[i] = items[i] == 0 ? 0 : 2 + items[i] % 4;
        }
        return hidden(block, manager, items, artists, types);
    }

    private static float[][] hidden(SasRecBlock block, NDManager manager, long[] items, long[] artists, long[] types) {
        try (NDManager request = manager.newSubManager()) {
            Shape shape = new Shape(1, items.length);
            NDList out = block.forward(new ParameterStore(request, false),
                    new NDList(request.create(items, shape), request.create(artists, shape), request.create(types, shape)),
                    true);
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
