package dev.encore.model.sasrec;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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
    /** The first vocabulary id that is a track (0 pads, 1 is the unknown track). */
    static final int FIRST_TRACK = ItemVocabulary.OUT_OF_VOCABULARY + 1;

    private final Model model;
    private final SasRecBlock block;
    private final ItemVocabulary vocabulary;
    private final long[] trackArtists;
    private final ConcurrentLinkedQueue<Predictor<?, ?>> predictors = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Predictor<SequenceInput, Logits>> predictor;
    private final ThreadLocal<Predictor<CandidateInput, Scored>> candidatePredictor;
    private final ThreadLocal<Predictor<RankInput, int[]>> rankPredictor;
    private volatile Tables tables;

    SasRecModel(Model model, SasRecBlock block, ItemVocabulary vocabulary) {
        this.model = model;
        this.block = block;
        this.vocabulary = vocabulary;
        this.trackArtists = vocabulary.trackArtistIndexes();
        this.predictor = ThreadLocal.withInitial(() -> {
            Predictor<SequenceInput, Logits> p = model.newPredictor(new LogitsTranslator(trackArtists));
            predictors.add(p);
            return p;
        });
        this.candidatePredictor = ThreadLocal.withInitial(() -> {
            Predictor<CandidateInput, Scored> p = model.newPredictor(new CandidateTranslator());
            predictors.add(p);
            return p;
        });
        this.rankPredictor = ThreadLocal.withInitial(() -> {
            Predictor<RankInput, int[]> p = model.newPredictor(new RankTranslator());
            predictors.add(p);
            return p;
        });
    }

    /** A new, untrained model on the default device (GPU when one is usable, else CPU). */
    static SasRecModel create(SasRecConfig config, ItemVocabulary vocabulary) {
        Model model = Model.newInstance("sasrec");
        SasRecBlock block = new SasRecBlock(config, vocabulary.size(), vocabulary.artistCount());
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
     * Next-track logits after each history: over the whole vocabulary ({@code tracks}, {@code [histories][size]};
     * ids 0 and 1 are not tracks and should be ignored) and over the artists, so that a track the model never saw
     * is scored through its artist ({@link #score}).
     */
    public record Logits(float[][] tracks, float[][] artists) {
        /**
         * The logit of one track after history {@code row}: its own where the model knows it, else the unknown
         * track's row with the track's artist in place of the unknown artist; NaN where neither is known.
         */
        public float score(int row, int trackId, int artistIndex) {
            if (trackId != ItemVocabulary.OUT_OF_VOCABULARY) {
                return tracks[row][trackId];
            }
            if (artistIndex == ItemVocabulary.UNKNOWN_ARTIST) {
                return Float.NaN;
            }
            float[] byArtist = artists[row];
            return tracks[row][ItemVocabulary.OUT_OF_VOCABULARY] - byArtist[ItemVocabulary.UNKNOWN_ARTIST] + byArtist[artistIndex];
        }
    }

    public Logits logits(List<List<SequenceInput.Event>> histories) {
        try {
            return predictor.get().predict(input(histories));
        } catch (TranslateException e) {
            throw new IllegalStateException("scoring failed: " + e.getMessage(), e);
        }
    }

    /**
     * What the job asks of one model pass: each candidate's score after its history (the dot product of the last
     * hidden state with the candidate's representation, so a track the model never saw is scored through its
     * artist) and the model's own {@code k} best tracks ({@code topIds} are vocabulary ids, best first).
     */
    public record Scored(float[][] candidates, int[][] topIds, float[][] topLogits) {
    }

    /**
     * The scores of given candidates (vocabulary track ids and artist ids, one array each per history) after
     * each history, without scoring the whole vocabulary. A known track is scored with its own artist; the artist
     * is read for the unknown track only.
     */
    public List<float[]> candidateScores(List<List<SequenceInput.Event>> histories, List<long[]> candidates,
                                         List<long[]> candidateArtists) {
        return java.util.Arrays.asList(scoreAndTop(histories, candidates, candidateArtists, 0).candidates());
    }

    /**
     * Candidate scores and the model's own {@code k} best tracks after each history, in one pass; the catalogue
     * search runs in torch, so only {@code k} ids and logits per history cross into Java, not a logit per track.
     */
    public Scored scoreAndTop(List<List<SequenceInput.Event>> histories, List<long[]> candidates, List<long[]> candidateArtists,
                              int k) {
        int width = 1;
        for (long[] c : candidates) {
            width = Math.max(width, c.length);
        }
        long[] rows = new long[candidates.size() * width];
        for (int r = 0; r < candidates.size(); r++) {
            long[] tracks = candidates.get(r);
            long[] artists = candidateArtists.get(r);
            for (int c = 0; c < tracks.length; c++) {
                rows[r * width + c] = candidateRow(tracks[c], artists[c]);
            }
        }
        int top = Math.min(k, vocabulary.size() - FIRST_TRACK);
        CandidateInput input = new CandidateInput(input(histories), rows, width, top, tables());
        try {
            Scored scored = candidatePredictor.get().predict(input);
            float[][] scores = new float[candidates.size()][];
            for (int r = 0; r < candidates.size(); r++) {
                scores[r] = java.util.Arrays.copyOf(scored.candidates()[r], candidates.get(r).length);
            }
            return new Scored(scores, scored.topIds(), scored.topLogits());
        } catch (TranslateException e) {
            throw new IllegalStateException("scoring failed: " + e.getMessage(), e);
        }
    }

    /**
     * A candidate's row of {@link Tables#candidates}: a known track's own (it is scored with its own artist, whatever
     * artist is passed), else the unknown track's row composed with the given artist.
     */
    private int candidateRow(long track, long artist) {
        if (track >= FIRST_TRACK) {
            return (int) track - FIRST_TRACK;
        }
        if (track == ItemVocabulary.OUT_OF_VOCABULARY) {
            return vocabulary.size() - FIRST_TRACK + (int) artist;
        }
        return 0; // padding: scored and then cut off
    }

    /**
     * Each history's rank of its target track (a vocabulary id from {@link #FIRST_TRACK}) among all the
     * vocabulary's tracks: 1 plus the number of tracks scored strictly higher ({@code Integer.MAX_VALUE} where the
     * target's score is not finite). Counted in torch, so no logit per track crosses into Java: what the
     * per-epoch validation of training asks, for thousands of histories.
     */
    public int[] ranks(List<List<SequenceInput.Event>> histories, int[] targets) {
        long[] columns = new long[targets.length];
        for (int r = 0; r < targets.length; r++) {
            if (targets[r] < FIRST_TRACK || targets[r] >= vocabulary.size()) {
                throw new IllegalArgumentException("target " + targets[r] + " is not a track of the vocabulary");
            }
            columns[r] = targets[r] - FIRST_TRACK;
        }
        try {
            return rankPredictor.get().predict(new RankInput(input(histories), columns, tables().tracks()));
        } catch (TranslateException e) {
            throw new IllegalStateException("scoring failed: " + e.getMessage(), e);
        }
    }

    /**
     * The histories padded only to the longest of them (at most the model's length), not always to the model's
     * length: padded positions are masked out, so the result is the same and a batch of short histories costs less.
     */
    private SequenceInput input(List<List<SequenceInput.Event>> histories) {
        int longest = 1;
        for (List<SequenceInput.Event> history : histories) {
            longest = Math.max(longest, history.size());
        }
        return SequenceInput.of(histories, vocabulary, Math.min(longest, config().maxLength()));
    }

    /**
     * Tracks as the output layer sees them, composed once per model rather than once per call (the parameters of a
     * model that scores do not change). {@code candidates}: every real track's representation (ids from
     * {@link #FIRST_TRACK}, with its own artist), then the unknown track's with each artist, so that a candidate
     * is one gathered row, whether the model knows the track or only its artist; {@code tracks}: the first part, the
     * catalogue that the model searches.
     */
    private record Tables(NDManager manager, NDArray candidates, NDArray tracks) {
    }

    private Tables tables() {
        Tables current = tables;
        if (current == null) {
            synchronized (this) {
                current = tables;
                if (current == null) {
                    NDManager manager = model.getNDManager().newSubManager();
                    int trackRows = vocabulary.size() - FIRST_TRACK;
                    int artistRows = vocabulary.artistCount();
                    long[] ids = new long[trackRows + artistRows];
                    long[] artists = new long[ids.length];
                    for (int i = 0; i < trackRows; i++) {
                        ids[i] = FIRST_TRACK + i;
                        artists[i] = trackArtists[FIRST_TRACK + i];
                    }
                    for (int a = 0; a < artistRows; a++) {
                        ids[trackRows + a] = ItemVocabulary.OUT_OF_VOCABULARY;
                        artists[trackRows + a] = a;
                    }
                    NDList parameters = block.tables();
                    try (NDManager scratch = manager.newSubManager()) {
                        NDArray candidates = SasRecBlock.represent(scratch.create(ids), scratch.create(artists),
                                parameters.get(0), parameters.get(1));
                        candidates.attach(manager);
                        NDArray tracks = candidates.get("0:" + trackRows);
                        tracks.attach(manager);
                        current = new Tables(manager, candidates, tracks);
                    }
                    tables = current;
                }
            }
        }
        return current;
    }

    /** Training changed the parameters: the composed tables must be built again before the next scoring. */
    synchronized void parametersChanged() {
        if (tables != null) {
            tables.manager().close();
            tables = null;
        }
    }

    private record CandidateInput(SequenceInput sequences, long[] rows, int width, int k, Tables tables) {
    }

    private record RankInput(SequenceInput sequences, long[] targetColumns, NDArray trackTable) {
    }

    /** Input ids and target columns of the track table in, each target's rank out. */
    private static final class RankTranslator extends BatchTranslator<RankInput, int[]> {
        @Override
        public NDList processInput(TranslatorContext ctx, RankInput input) {
            ctx.setAttachment("input", input);
            return blockInputs(ctx, input.sequences());
        }

        @Override
        public int[] processOutput(TranslatorContext ctx, NDList output) {
            RankInput input = (RankInput) ctx.getAttachment("input");
            NDArray last = output.get(0).get(":, -1, :");                                                 // [B, D]
            NDArray logits = Linear.linear(last, input.trackTable()).singletonOrThrow();                  // [B, V - 2]
            NDArray columns = ctx.getNDManager().create(input.targetColumns(), new Shape(input.targetColumns().length, 1));
            NDArray target = logits.gather(columns, 1);                                                   // [B, 1]
            long[] higher = logits.gt(target).sum(new int[] {1}).toType(DataType.INT64, false).toLongArray();
            // Nothing compares above NaN: a target scored NaN would otherwise rank first.
            boolean[] finite = target.isNaN().logicalOr(target.isInfinite()).logicalNot().toBooleanArray();
            int[] ranks = new int[higher.length];
            for (int r = 0; r < ranks.length; r++) {
                ranks[r] = finite[r] ? (int) higher[r] + 1 : Integer.MAX_VALUE;
            }
            return ranks;
        }
    }

    @Override
    public void close() {
        predictors.forEach(Predictor::close);
        model.close();
    }

    /** Translators whose input is already a batch of sequences: DJL must not stack another dimension on top. */
    private abstract static class BatchTranslator<I, O> implements Translator<I, O> {
        @Override
        public Batchifier getBatchifier() {
            return null;
        }

        /** The block's inputs, created in the request's own manager so that they are freed with it. */
        static NDList blockInputs(TranslatorContext ctx, SequenceInput input) {
            NDManager manager = ctx.getNDManager();
            Shape shape = new Shape(input.rows(), input.length());
            return new NDList(manager.create(input.items(), shape), manager.create(input.artists(), shape),
                    manager.create(input.types(), shape));
        }
    }

    /**
     * Input ids and candidate ids in; out, the last position's score against each candidate's representation and,
     * when asked, the best {@code k} tracks of the whole catalogue.
     */
    private static final class CandidateTranslator extends BatchTranslator<CandidateInput, Scored> {
        @Override
        public NDList processInput(TranslatorContext ctx, CandidateInput input) {
            SequenceInput sequences = input.sequences();
            ctx.setAttachment("input", input);
            ctx.setAttachment("rows", ctx.getNDManager().create(input.rows(), new Shape(sequences.rows(), input.width())));
            return blockInputs(ctx, sequences);
        }

        @Override
        public Scored processOutput(TranslatorContext ctx, NDList output) {
            CandidateInput input = (CandidateInput) ctx.getAttachment("input");
            NDArray last = output.get(0).get(":, -1, :");                                       // [B, D]
            NDArray rows = (NDArray) ctx.getAttachment("rows");                                // [B, C]
            NDArray embeddings = Embedding.embedding(rows, input.tables().candidates(), SparseFormat.DENSE)
                    .singletonOrThrow();                                                       // [B, C, D]
            // One gathered row and one batched product per candidate: no [B, C, D] temporaries besides the gather.
            float[][] scores = toRows(embeddings.batchMatMul(last.expandDims(2)).squeeze(2));  // [B, C]
            if (input.k() == 0) {
                return new Scored(scores, new int[scores.length][0], new float[scores.length][0]);
            }
            // Left operand in the request's manager: the logits are freed with the request, not kept with the table.
            NDList best = Linear.linear(last, input.tables().tracks()).singletonOrThrow().topK(input.k(), 1);  // [B, V - 2] -> [B, k]
            float[][] values = toRows(best.get(0));
            long[] flat = best.get(1).toLongArray();
            int[][] ids = new int[values.length][input.k()];
            for (int r = 0; r < ids.length; r++) {
                for (int i = 0; i < input.k(); i++) {
                    ids[r][i] = (int) flat[r * input.k() + i] + FIRST_TRACK;
                }
            }
            return new Scored(scores, ids, values);
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

    /** Input ids in, the last position's scores against every track's and every artist's embedding out. */
    private static final class LogitsTranslator extends BatchTranslator<SequenceInput, Logits> {
        private final long[] trackArtists;

        LogitsTranslator(long[] trackArtists) {
            this.trackArtists = trackArtists;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, SequenceInput input) {
            return blockInputs(ctx, input);
        }

        @Override
        public Logits processOutput(TranslatorContext ctx, NDList output) {
            NDArray last = output.get(0).get(":, -1, :");                                       // [B, D]
            NDArray artistTable = output.get(2);
            NDArray artistOfTrack = ctx.getNDManager().create(trackArtists);
            // Left operand in the request's manager: the result is freed with the request, not kept with the parameters.
            NDArray trackTable = Embedding.embedding(artistOfTrack, artistTable, SparseFormat.DENSE).singletonOrThrow()
                    .add(output.get(1));
            return new Logits(toRows(Linear.linear(last, trackTable).singletonOrThrow()),
                    toRows(Linear.linear(last, artistTable).singletonOrThrow()));
        }
    }
}
