package dev.encore.model.sasrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * SASRec-style causal self-attention over a user's recent events. Input: track ids, artist ids and event-type
 * ids, all {@code [batch, length]}, left-padded with 0 so that the most recent event is last. A track is
 * represented by the sum of its own embedding and its artist's ({@link #represent}), so a track the model never
 * saw (the out-of-vocabulary row) still differs by artist, and a new track's row starts from its artist. Output:
 * the hidden state at every position {@code [batch, length, dim]}, the track table {@code [items, dim]} and the
 * artist table {@code [artists, dim]}; the representation is also the output layer (tied weights): the score of
 * track i by artist a after position t is {@code h_t . (E_i + A_a)}.
 *
 * <p>Each block is pre-LayerNorm: {@code x + Attention(LN(x))}, then {@code x + FFN(LN(x))}, with padded
 * positions zeroed after each step; a final LayerNorm ends the stack. The causal mask adds a large negative
 * number above the diagonal, so position t never sees t+1..; padded keys are masked the same way.
 */
public final class SasRecBlock extends AbstractBlock {
    private static final float MASKED = -1e9f;

    private final SasRecConfig config;
    private final int items;
    private final int artists;
    private final Parameter itemEmbedding;
    private final Parameter artistEmbedding;
    private final Parameter positionEmbedding;
    private final Parameter typeEmbedding;
    private final List<AttentionLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Dropout dropout;

    public SasRecBlock(SasRecConfig config, int items, int artists) {
        super((byte) 2);
        this.config = config;
        this.items = items;
        this.artists = artists;
        itemEmbedding = addParameter(Parameter.builder().setName("items").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(items, config.dim())).optInitializer(new NormalInitializer(0.02f)).build());
        artistEmbedding = addParameter(Parameter.builder().setName("artists").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(artists, config.dim())).optInitializer(new NormalInitializer(0.02f)).build());
        positionEmbedding = addParameter(Parameter.builder().setName("positions").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.maxLength(), config.dim())).optInitializer(new NormalInitializer(0.02f)).build());
        typeEmbedding = addParameter(Parameter.builder().setName("types").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(EventTypes.COUNT, config.dim())).optInitializer(new NormalInitializer(0.02f)).build());
        for (int b = 0; b < config.blocks(); b++) {
            layers.add(new AttentionLayer(b));
        }
        finalNorm = addChildBlock("final_norm", LayerNorm.builder().axis(2).build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate(config.dropout()).build());
    }

    public int items() {
        return items;
    }

    public int artists() {
        return artists;
    }

    /** Tracks as the model sees them, in input and output alike: own embedding plus the artist's. */
    public static NDArray represent(NDArray trackIds, NDArray artistIds, NDArray trackTable, NDArray artistTable) {
        return Embedding.embedding(trackIds, trackTable, SparseFormat.DENSE).singletonOrThrow()
                .add(Embedding.embedding(artistIds, artistTable, SparseFormat.DENSE).singletonOrThrow());
    }

    /** The track and artist embedding tables, as trained (the parameters' own arrays: do not close them). */
    NDList tables() {
        return new NDList(itemEmbedding.getArray(), artistEmbedding.getArray());
    }

    public SasRecConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray artistIds = inputs.get(1);
        NDArray types = inputs.get(2);
        long length = ids.getShape().get(1);
        NDArray itemTable = store.getValue(itemEmbedding, ids.getDevice(), training);
        NDArray artistTable = store.getValue(artistEmbedding, ids.getDevice(), training);
        NDArray positions = store.getValue(positionEmbedding, ids.getDevice(), training);
        NDArray typeTable = store.getValue(typeEmbedding, ids.getDevice(), training);

        NDManager manager = ids.getManager();
        // Scale factors as tensors of the call's own manager, never through mul(Number) or div(Number): DJL frees the
        // tensor it makes of a number right after the op, while autograd keeps it for the backward pass, which then
        // reads freed memory once the garbage collector has run (decision 0027, GradientLifetimeTest).
        NDArray embeddingScale = manager.create((float) Math.sqrt(config.dim()));
        NDArray attentionScale = manager.create((float) Math.sqrt(config.dim() / config.heads()));
        NDArray present = ids.gt(0).toType(DataType.FLOAT32, false).expandDims(2);         // [B, L, 1]
        NDArray x = represent(ids, artistIds, itemTable, artistTable)
                .mul(embeddingScale)
                .add(positions.get((config.maxLength() - length) + ":"))
                .add(Embedding.embedding(types, typeTable, SparseFormat.DENSE).singletonOrThrow());
        x = dropout.forward(store, new NDList(x), training).singletonOrThrow().mul(present);

        NDArray causal = manager.create(causalMask((int) length), new Shape(length, length)); // [L, L]
        NDArray paddedKeys = ids.eq(0).toType(DataType.FLOAT32, false).mul(MASKED)
                .reshape(ids.getShape().get(0), 1, 1, length);                               // [B, 1, 1, L]
        NDArray mask = paddedKeys.add(causal);                                               // [B, 1, L, L]
        for (int i = 0; i < layers.size(); i++) {
            // Scoring reads only the newest position: the last layer need not compute the others.
            x = layers.get(i).forward(store, x, mask, present, attentionScale, training, !training && i == layers.size() - 1);
        }
        x = finalNorm.forward(store, new NDList(x), training).singletonOrThrow();
        return new NDList(x, itemTable, artistTable);
    }

    /** Zero on and below the diagonal, a large negative number above it: position t attends to 0..t only. */
    static float[] causalMask(int length) {
        float[] mask = new float[length * length];
        for (int row = 0; row < length; row++) {
            for (int col = row + 1; col < length; col++) {
                mask[row * length + col] = MASKED;
            }
        }
        return mask;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return new Shape[] {new Shape(ids.get(0), ids.get(1), config.dim()), new Shape(items, config.dim()),
                new Shape(artists, config.dim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), config.dim());
        for (AttentionLayer layer : layers) {
            layer.initialize(manager, dataType, hidden);
        }
        finalNorm.initialize(manager, dataType, hidden);
        dropout.initialize(manager, dataType, hidden);
    }

    /** One pre-LayerNorm transformer block: multi-head causal attention, then a point-wise feed-forward net. */
    private final class AttentionLayer {
        private final LayerNorm attentionNorm;
        private final Linear query;
        private final Linear key;
        private final Linear value;
        private final Linear output;
        private final LayerNorm feedForwardNorm;
        private final Linear hidden;
        private final Linear project;

        AttentionLayer(int index) {
            String p = "block" + index + "_";
            attentionNorm = addChildBlock(p + "attention_norm", LayerNorm.builder().axis(2).build());
            query = addChildBlock(p + "query", Linear.builder().setUnits(config.dim()).build());
            key = addChildBlock(p + "key", Linear.builder().setUnits(config.dim()).build());
            value = addChildBlock(p + "value", Linear.builder().setUnits(config.dim()).build());
            output = addChildBlock(p + "output", Linear.builder().setUnits(config.dim()).build());
            feedForwardNorm = addChildBlock(p + "ffn_norm", LayerNorm.builder().axis(2).build());
            hidden = addChildBlock(p + "ffn_hidden", Linear.builder().setUnits(config.dim()).build());
            project = addChildBlock(p + "ffn_project", Linear.builder().setUnits(config.dim()).build());
        }

        void initialize(NDManager manager, DataType dataType, Shape shape) {
            for (var block : List.of(attentionNorm, query, key, value, output, feedForwardNorm, hidden, project)) {
                block.initialize(manager, dataType, shape);
            }
        }

        /**
         * With {@code lastOnly}, only the newest position is computed (it still attends to all positions) and the
         * output has length 1.
         */
        NDArray forward(ParameterStore store, NDArray x, NDArray mask, NDArray present, NDArray scale, boolean training,
                        boolean lastOnly) {
            long batch = x.getShape().get(0);
            long length = x.getShape().get(1);
            long queries = lastOnly ? 1 : length;
            int heads = config.heads();
            int headDim = config.dim() / heads;
            NDArray normed = attentionNorm.forward(store, new NDList(x), training).singletonOrThrow();
            NDArray queryIn = lastOnly ? normed.get(":, -1:, :") : normed;
            NDArray q = split(query.forward(store, new NDList(queryIn), training).singletonOrThrow(), batch, queries, heads, headDim);
            NDArray k = split(key.forward(store, new NDList(normed), training).singletonOrThrow(), batch, length, heads, headDim);
            NDArray v = split(value.forward(store, new NDList(normed), training).singletonOrThrow(), batch, length, heads, headDim);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(scale)
                    .add(lastOnly ? mask.get(":, :, -1:, :") : mask);
            NDArray weights = dropout.forward(store, new NDList(scores.softmax(-1)), training).singletonOrThrow();
            NDArray attended = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, queries, config.dim());
            NDArray attention = output.forward(store, new NDList(attended), training).singletonOrThrow();
            if (lastOnly) {
                x = x.get(":, -1:, :");
                present = present.get(":, -1:, :");
            }
            x = x.add(dropout.forward(store, new NDList(attention), training).singletonOrThrow()).mul(present);

            NDArray ffnIn = feedForwardNorm.forward(store, new NDList(x), training).singletonOrThrow();
            NDArray ffn = hidden.forward(store, new NDList(ffnIn), training).singletonOrThrow();
            ffn = Activation.relu(ffn);
            ffn = project.forward(store, new NDList(ffn), training).singletonOrThrow();
            return x.add(dropout.forward(store, new NDList(ffn), training).singletonOrThrow()).mul(present);
        }

        private NDArray split(NDArray x, long batch, long length, int heads, int headDim) {
            return x.reshape(batch, length, heads, headDim).transpose(0, 2, 1, 3);
        }
    }
}
