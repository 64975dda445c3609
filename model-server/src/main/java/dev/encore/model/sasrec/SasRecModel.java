package dev.encore.model.sasrec;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A trained attention model ready to score: one shared DJL model, one predictor per calling thread, and every
 * request's arrays in that request's own manager so that native memory does not grow with calls.
 */
public final class SasRecModel implements AutoCloseable {
    static final String PARAMS_NAME = "sasrec";

    private final Model model;
    private final SasRecBlock block;
    private final ItemVocabulary vocabulary;
    private final ConcurrentLinkedQueue<Predictor<SequenceInput, float[][]>> predictors = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Predictor<SequenceInput, float[][]>> predictor;

    SasRecModel(Model model, SasRecBlock block, ItemVocabulary vocabulary) {
        this.model = model;
        this.block = block;
        this.vocabulary = vocabulary;
        this.predictor = ThreadLocal.withInitial(() -> {
            Predictor<SequenceInput, float[][]> p = model.newPredictor(new LogitsTranslator());
            predictors.add(p);
            return p;
        });
    }

    /** A new, untrained model on the default device (GPU when one is usable, else CPU). */
    static SasRecModel create(SasRecConfig config, ItemVocabulary vocabulary) {
        Model model = Model.newInstance("sasrec");
        SasRecBlock block = new SasRecBlock(config, vocabulary.size());
        model.setBlock(block);
        return new SasRecModel(model, block, vocabulary);
    }

    /** Loads parameters saved by {@link #saveParameters}; the block must have the vocabulary's size. */
    static SasRecModel load(Path dir, SasRecConfig config, ItemVocabulary vocabulary) throws IOException, MalformedModelException {
        SasRecModel loaded = create(config, vocabulary);
        loaded.model.load(dir, PARAMS_NAME);
        return loaded;
    }

    void saveParameters(Path dir) throws IOException {
        model.setProperty("Epoch", "0");
        model.save(dir, PARAMS_NAME);
    }

    Model djlModel() {
        return model;
    }

    public SasRecBlock block() {
        return block;
    }

    public ItemVocabulary vocabulary() {
        return vocabulary;
    }

    public SasRecConfig config() {
        return block.config();
    }

    /**
     * Next-item logits over the whole vocabulary for each history, {@code [histories][vocabulary size]};
     * ids 0 and 1 (padding, unknown) are not tracks and should be ignored by callers.
     */
    public float[][] logits(List<List<SequenceInput.Event>> histories) {
        try {
            return predictor.get().predict(SequenceInput.of(histories, vocabulary, config().maxLength()));
        } catch (TranslateException e) {
            throw new IllegalStateException("scoring failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictors.forEach(Predictor::close);
        model.close();
    }

    /** Input ids in, the last position's scores against every item embedding out. */
    private static final class LogitsTranslator implements Translator<SequenceInput, float[][]> {
        /** The input is already a batch: DJL must not stack another dimension on top. */
        @Override
        public Batchifier getBatchifier() {
            return null;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, SequenceInput input) {
            NDManager manager = ctx.getNDManager();
            Shape shape = new Shape(input.rows(), input.length());
            return new NDList(manager.create(input.items(), shape), manager.create(input.types(), shape));
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList output) {
            NDArray hidden = output.get(0);
            NDArray last = hidden.get(":, -1, :");
            NDArray logits = Linear.linear(last, output.get(1)).singletonOrThrow();
            int rows = (int) logits.getShape().get(0);
            int columns = (int) logits.getShape().get(1);
            float[] flat = logits.toFloatArray();
            float[][] result = new float[rows][];
            for (int r = 0; r < rows; r++) {
                result[r] = java.util.Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
            }
            return result;
        }
    }
}
