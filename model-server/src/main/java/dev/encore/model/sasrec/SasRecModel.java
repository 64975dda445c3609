package dev.encore.model.sasrec;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
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
    private final ConcurrentLinkedQueue<Predictor<?, ?>> predictors = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Predictor<SequenceInput, float[][]>> predictor;
    private final ThreadLocal<Predictor<CandidateInput, float[][]>> candidatePredictor;

    SasRecModel(Model model, SasRecBlock block, ItemVocabulary vocabulary) {
        this.model = model;
        this.block = block;
        this.vocabulary = vocabulary;
        this.predictor = ThreadLocal.withInitial(() -> {
            Predictor<SequenceInput, float[][]> p = model.newPredictor(new LogitsTranslator());
            predictors.add(p);
            return p;
        });
        this.candidatePredictor = ThreadLocal.withInitial(() -> {
            Predictor<CandidateInput, float[][]> p = model.newPredictor(new CandidateTranslator());
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

    /**
     * The scores of given candidate ids (vocabulary ids, one array per history) after each history: the dot
     * product of the last hidden state with each candidate's embedding, without scoring the whole vocabulary.
     */
    public List<float[]> candidateScores(List<List<SequenceInput.Event>> histories, List<long[]> candidates) {
        int width = 1;
        for (long[] c : candidates) {
            width = Math.max(width, c.length);
        }
        long[] padded = new long[candidates.size() * width];
        for (int r = 0; r < candidates.size(); r++) {
            System.arraycopy(candidates.get(r), 0, padded, r * width, candidates.get(r).length);
        }
        CandidateInput input = new CandidateInput(SequenceInput.of(histories, vocabulary, config().maxLength()), padded, width);
        try {
            float[][] scores = candidatePredictor.get().predict(input);
            List<float[]> result = new java.util.ArrayList<>(candidates.size());
            for (int r = 0; r < candidates.size(); r++) {
                result.add(java.util.Arrays.copyOf(scores[r], candidates.get(r).length));
            }
            return result;
        } catch (TranslateException e) {
            throw new IllegalStateException("scoring failed: " + e.getMessage(), e);
        }
    }

    private record CandidateInput(SequenceInput sequences, long[] candidates, int width) {
    }

    @Override
    public void close() {
        predictors.forEach(Predictor::close);
        model.close();
    }

    /** Translators whose input is already a batch of sequences: DJL must not stack another dimension on top. */
    private abstract static class BatchTranslator<I> implements Translator<I, float[][]> {
        @Override
        public Batchifier getBatchifier() {
            return null;
        }

        /** The block's inputs, created in the request's own manager so that they are freed with it. */
        static NDList blockInputs(TranslatorContext ctx, SequenceInput input) {
            NDManager manager = ctx.getNDManager();
            Shape shape = new Shape(input.rows(), input.length());
            return new NDList(manager.create(input.items(), shape), manager.create(input.types(), shape));
        }
    }

    /** Input ids and candidate ids in, the last position's score against each candidate's embedding out. */
    private static final class CandidateTranslator extends BatchTranslator<CandidateInput> {
        @Override
        public NDList processInput(TranslatorContext ctx, CandidateInput input) {
            SequenceInput sequences = input.sequences();
            ctx.setAttachment("candidates", ctx.getNDManager().create(input.candidates(), new Shape(sequences.rows(), input.width())));
            return blockInputs(ctx, sequences);
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList output) {
            NDArray last = output.get(0).get(":, -1, :").expandDims(1);                        // [B, 1, D]
            NDArray candidates = (NDArray) ctx.getAttachment("candidates");                    // [B, C]
            NDArray embeddings = Embedding.embedding(candidates, output.get(1), SparseFormat.DENSE).singletonOrThrow();
            NDArray scores = embeddings.mul(last).sum(new int[] {2});                          // [B, C]
            return toRows(scores);
        }
    }

    private static float[][] toRows(NDArray matrix) {
        int rows = (int) matrix.getShape().get(0);
        int columns = (int) matrix.getShape().get(1);
        float[] flat = matrix.toFloatArray();
        float[][] result = new float[rows][];
        for (int r = 0; r < rows; r++) {
            result[r] = java.util.Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
        }
        return result;
    }

    /** Input ids in, the last position's scores against every item embedding out. */
    private static final class LogitsTranslator extends BatchTranslator<SequenceInput> {
        @Override
        public NDList processInput(TranslatorContext ctx, SequenceInput input) {
            return blockInputs(ctx, input);
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList output) {
            NDArray hidden = output.get(0);
            NDArray last = hidden.get(":, -1, :");
            return toRows(Linear.linear(last, output.get(1)).singletonOrThrow());
        }
    }
}
