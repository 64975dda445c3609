package dev.encore.model.sasrec;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.encore.model.data.Interaction;
import dev.encore.model.live.LiveSettings;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains the attention model on users' event sequences with a sampled softmax: at every position the next
 * track competes with {@code negatives} tracks drawn per batch (half uniformly, half by plays), less any that
 * is that position's next track itself ({@link #withoutAccidentalHits}). Full softmax over tens of
 * thousands of tracks is about ten times slower on CPU for no better full-ranking NDCG on this data size;
 * BCE with one negative per position trained slower to the same level in our runs. After each epoch the
 * model ranks the whole vocabulary for every validation event; training stops when that NDCG@10 has not
 * improved for {@code patience} epochs, and the best epoch's parameters are kept. Windows train in batches of
 * similar length ({@link #batchesByLength}); each position also competes with a few of its own track's co-listening
 * neighbours ({@link FollowerNegatives}). Seeded: the same data and config give the same model on the same machine
 * with one torch thread; with two, most runs are identical and the others differed only in the last digits of the
 * loss in our runs (decision 0027).
 */
public final class SasRecTrainer {
    private final SasRecConfig config;
    private long[] playedIds = new long[0];
    private FollowerNegatives followers;

    public SasRecTrainer(SasRecConfig config) {
        this.config = config;
    }

    public record Result(SasRecModel model, TrainingReport report) {
    }

    public Result train(List<Interaction> train, List<Interaction> validation, Consumer<String> progress) {
        return fit(vocabularyOf(train), null, train, validation, progress);
    }

    /**
     * Transfer learning: starts from {@code parent}'s parameters and continues on {@code train} (recent events).
     * The vocabulary is the parent's extended by the tracks of {@code train} it did not know; a new track's row
     * starts as the parent's unknown-track row and a new artist's as its unknown-artist row, so that the child
     * starts out scoring and reading every track exactly as its parent did. With no validation events every epoch is trained and
     * the last one kept (a continual update has no later data to stop on).
     */
    public Result continueFrom(SasRecModel parent, List<Interaction> train, List<Interaction> validation,
                               Consumer<String> progress) {
        SasRecConfig shape = parent.config();
        if (shape.dim() != config.dim() || shape.blocks() != config.blocks() || shape.heads() != config.heads()
                || shape.maxLength() != config.maxLength()) {
            throw new IllegalArgumentException("a warm start keeps the parent's shape (dim, blocks, heads, maxLength): "
                    + shape + " vs " + config);
        }
        ItemVocabulary known = vocabularyOf(train);
        List<String> tracks = new ArrayList<>();
        List<String> artists = new ArrayList<>();
        for (int id = ItemVocabulary.OUT_OF_VOCABULARY + 1; id < known.size(); id++) {
            tracks.add(known.trackId(id));
            artists.add(known.artistOf(id));
        }
        return fit(parent.vocabulary().extendedWith(tracks, artists), parent, train, validation, progress);
    }

    private Result fit(ItemVocabulary vocabulary, SasRecModel parent, List<Interaction> train,
                       List<Interaction> validation, Consumer<String> progress) {
        Engine.getInstance().setRandomSeed((int) config.seed());
        Random random = new Random(config.seed());
        Map<String, List<SequenceInput.Event>> histories = histories(train);
        List<List<SequenceInput.Event>> windows = windows(histories.values());
        List<Pair<List<SequenceInput.Event>, Integer>> validationCases = validationCases(histories, validation, vocabulary);

        playedIds = train.stream().mapToLong(e -> vocabulary.id(e.trackId())).toArray();
        followers = config.followerNegatives() > 0
                ? FollowerNegatives.of(train, vocabulary, LiveSettings.DEFAULT.perSource()) : null;
        SasRecModel model = SasRecModel.create(config, vocabulary);
        DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(config.learningRate())).build());
        List<TrainingReport.Epoch> epochs = new ArrayList<>();
        Map<String, float[]> best = null;
        double bestNdcg = -1;
        int bestEpoch = 0;
        long started = System.nanoTime();
        try (Trainer trainer = model.djlModel().newTrainer(trainingConfig)) {
            Shape inputShape = new Shape(config.batchSize(), config.maxLength());
            trainer.initialize(inputShape, inputShape, inputShape);
            if (parent != null) {
                inherit(model, parent);
            }
            for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
                long epochStart = System.nanoTime();
                double lossSum = 0;
                int stepped = 0;
                List<List<List<SequenceInput.Event>>> batches = batchesByLength(windows, config.batchSize(), random);
                for (List<List<SequenceInput.Event>> batch : batches) {
                    double loss = step(trainer, batch, vocabulary, random);
                    if (Double.isFinite(loss)) {
                        lossSum += loss;
                        stepped++;
                    }
                }
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                if (!parametersFinite(model) || stepped * 2 < batches.size()) {
                    model.close();
                    throw new TrainingDivergedException("training diverged in epoch " + epoch + ": "
                            + (batches.size() - stepped) + " of " + batches.size()
                            + " batches had a non-finite loss or the parameters are no longer finite; train again with a lower learning rate");
                }
                double ndcg = validationNdcg(model, validationCases);
                double meanLoss = lossSum / Math.max(1, stepped);
                epochs.add(new TrainingReport.Epoch(epoch, meanLoss, windows.size() / seconds, ndcg));
                if (progress != null) {
                    progress.accept(String.format("epoch %d: loss %.4f, %,.0f sequences/s, validation NDCG@10 %.4f%s",
                            epoch, meanLoss, windows.size() / seconds, ndcg,
                            stepped < batches.size() ? " (" + (batches.size() - stepped) + " batches with a non-finite loss skipped)" : ""));
                }
                if (ndcg > bestNdcg || validationCases.isEmpty()) {
                    bestNdcg = ndcg;
                    bestEpoch = epoch;
                    best = snapshot(model);
                } else if (epoch - bestEpoch >= config.patience()) {
                    break;
                }
            }
        }
        restore(model, best);
        model.parametersChanged();
        TrainingReport report = new TrainingReport(epochs, bestEpoch, bestNdcg, windows.size(),
                (System.nanoTime() - started) / 1e9);
        return new Result(model, report);
    }

    /**
     * The epoch's batches: windows of similar length together, in random order, each padded only to its longest
     * window, so that the compute spent on left padding (about half of all positions over this data's windows:
     * most users have fewer events than the model reads) is mostly saved. A batch holds about as many predicted
     * positions as {@code batchSize} windows of the average length, so that short windows come many to a batch:
     * every position then weighs in the updates about as much as in a batch of mixed lengths. Windows are
     * shuffled before a stable sort by length, so equal lengths mix differently every epoch.
     */
    static List<List<List<SequenceInput.Event>>> batchesByLength(List<List<SequenceInput.Event>> windows, int batchSize,
                                                                Random random) {
        List<List<SequenceInput.Event>> ordered = new ArrayList<>(windows);
        Collections.shuffle(ordered, random);
        ordered.sort(Comparator.comparingInt(List::size));
        long positions = 0;
        for (List<SequenceInput.Event> window : ordered) {
            positions += window.size() - 1;
        }
        long budget = Math.max(1, positions * batchSize / Math.max(1, ordered.size()));
        List<List<List<SequenceInput.Event>>> batches = new ArrayList<>();
        int from = 0;
        long filled = 0;
        for (int i = 0; i < ordered.size(); i++) {
            filled += ordered.get(i).size() - 1;
            if (filled >= budget || i == ordered.size() - 1) {
                batches.add(ordered.subList(from, i + 1));
                from = i + 1;
                filled = 0;
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /** One optimiser step on a batch; returns the batch's mean loss. */
    private double step(Trainer trainer, List<List<SequenceInput.Event>> batch, ItemVocabulary vocabulary, Random random) {
        int length = batch.stream().mapToInt(List::size).max().orElse(2) - 1;
        List<List<SequenceInput.Event>> inputs = new ArrayList<>(batch.size());
        List<List<SequenceInput.Event>> targets = new ArrayList<>(batch.size());
        for (List<SequenceInput.Event> window : batch) {
            List<SequenceInput.Event> seen = hideTracks(window, random);
            inputs.add(seen.subList(0, seen.size() - 1));
            targets.add(seen.subList(1, seen.size()));
        }
        SequenceInput in = SequenceInput.of(inputs, vocabulary, length);
        SequenceInput out = SequenceInput.of(targets, vocabulary, length);
        long[] negatives = new long[config.negatives()];
        long[] negativeArtists = new long[negatives.length];
        for (int i = 0; i < negatives.length; i++) {
            // Half uniform, half as often as tracks are played: popular tracks are the hard negatives.
            negatives[i] = i % 2 == 0 || playedIds.length == 0
                    ? ItemVocabulary.OUT_OF_VOCABULARY + 1 + random.nextInt(vocabulary.size() - 2)
                    : playedIds[random.nextInt(playedIds.length)];
            negativeArtists[i] = vocabulary.artistIndexOf((int) negatives[i]);
        }
        // Positions whose next track is known to the model by itself or by its artist; padding teaches nothing.
        float[] weights = new float[out.items().length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = out.items()[i] > ItemVocabulary.OUT_OF_VOCABULARY || out.artists()[i] > ItemVocabulary.UNKNOWN_ARTIST ? 1 : 0;
        }
        try (NDManager manager = trainer.getManager().newSubManager()) {
            Shape shape = new Shape(batch.size(), length);
            NDArray ids = manager.create(in.items(), shape);
            NDArray artists = manager.create(in.artists(), shape);
            NDArray types = manager.create(in.types(), shape);
            NDArray targetIds = manager.create(out.items(), shape);
            NDArray targetArtists = manager.create(out.artists(), shape);
            NDArray negativeIds = manager.create(negatives);
            NDArray negativeArtistIds = manager.create(negativeArtists);
            NDArray weight = manager.create(weights, shape);
            int hard = followers == null ? 0 : config.followerNegatives();
            long[] hardIds = hard == 0 ? null : followers.sample(in.items(), hard, random);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList forward = trainer.forward(new NDList(ids, artists, types));
                NDArray hidden = forward.get(0);
                NDArray table = forward.get(1);
                NDArray artistTable = forward.get(2);
                NDArray positive = SasRecBlock.represent(targetIds, targetArtists, table, artistTable);
                NDArray positiveLogits = hidden.mul(positive).sum(new int[] {2}).expandDims(2);          // [B, L, 1]
                NDArray negativeTable = SasRecBlock.represent(negativeIds, negativeArtistIds, table, artistTable);
                NDArray negativeLogits = hidden.matMul(negativeTable.transpose());                      // [B, L, S]
                negativeLogits = withoutAccidentalHits(negativeLogits, targetIds, negativeIds);
                NDArray logits = positiveLogits.concat(negativeLogits, 2);
                if (hard > 0) {
                    logits = logits.concat(followerLogits(hidden, targetIds, hardIds, hard, vocabulary, table, artistTable), 2);
                }
                NDArray nll = logits.logSoftmax(2).get(":, :, 0").neg();                                // [B, L]
                NDArray loss = nll.mul(weight).sum().div(weight.sum().maximum(1f));
                float value = loss.getFloat();
                if (!Float.isFinite(value)) {
                    // One bad batch must not turn every parameter into NaN: no update from it.
                    return value;
                }
                collector.backward(loss);
                trainer.step();
                return value;
            }
        }
    }

    /**
     * The negatives' logits with every negative that is the position's own next track pushed out of the softmax.
     * Popular tracks are sampled as negatives often and are often the next track too: left in, such a position's
     * loss pulls the target down as hard as it pushes it up, so popular next tracks would train on noise. With
     * this, validation NDCG@10 rose from 0.0619 to 0.0651 and from 0.0574 to 0.0700 (seeds 42 and 7; decision 0006).
     *
     * @param negativeLogits [B, L, S]; targetIds [B, L]; negativeIds [S]
     */
    static NDArray withoutAccidentalHits(NDArray negativeLogits, NDArray targetIds, NDArray negativeIds) {
        return pushedOut(negativeLogits, targetIds.expandDims(2).eq(negativeIds));
    }

    /**
     * Each position's logits for {@code count} of its own track's co-listening neighbours ({@link FollowerNegatives}),
     * with padding draws and the position's own next track pushed out of the softmax, as in
     * {@link #withoutAccidentalHits}: a neighbour is often the very next track, and that is no negative.
     *
     * @param hidden [B, L, D]; targetIds [B, L]; ids B * L * count, position-major
     * @return [B, L, count]
     */
    private static NDArray followerLogits(NDArray hidden, NDArray targetIds, long[] ids, int count, ItemVocabulary vocabulary,
                                          NDArray table, NDArray artistTable) {
        NDManager manager = targetIds.getManager();
        long[] artists = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            artists[i] = ids[i] == ItemVocabulary.PADDING ? ItemVocabulary.PADDING : vocabulary.artistIndexOf((int) ids[i]);
        }
        Shape shape = new Shape(targetIds.getShape().get(0), targetIds.getShape().get(1), count);
        NDArray followerIds = manager.create(ids, shape);
        NDArray represented = SasRecBlock.represent(followerIds, manager.create(artists, shape), table, artistTable); // [B, L, C, D]
        NDArray logits = represented.mul(hidden.expandDims(2)).sum(new int[] {3});                                  // [B, L, C]
        return withoutFollowerHits(logits, targetIds, followerIds);
    }

    /**
     * The followers' logits with every draw that is padding (a position whose track has no neighbours) or the
     * position's own next track pushed out of the softmax.
     *
     * @param logits [B, L, C]; targetIds [B, L]; followerIds [B, L, C]
     */
    static NDArray withoutFollowerHits(NDArray logits, NDArray targetIds, NDArray followerIds) {
        return pushedOut(logits, followerIds.eq(targetIds.expandDims(2)).logicalOr(followerIds.eq(ItemVocabulary.PADDING)));
    }

    /** The logits with every one where {@code mask} is true lowered by {@link #HIT_PENALTY}: out of the softmax. */
    private static NDArray pushedOut(NDArray logits, NDArray mask) {
        return logits.sub(mask.toType(DataType.FLOAT32, false).mul(HIT_PENALTY));
    }

    /** Far below any logit, so exp() of a masked one is 0 in float, yet finite (no NaN from inf - inf). */
    private static final float HIT_PENALTY = 1e4f;

    /** A track id no vocabulary holds: an event carrying it is read as an unknown track by its artist. */
    private static final String HIDDEN_TRACK = "\u0000hidden";

    /**
     * The window with a {@code trackDropout} share of its events' tracks hidden, the same event hidden as input
     * and as target, as a track released after training is unknown wherever it appears.
     */
    private List<SequenceInput.Event> hideTracks(List<SequenceInput.Event> window, Random random) {
        if (config.trackDropout() <= 0) {
            return window;
        }
        List<SequenceInput.Event> seen = new ArrayList<>(window.size());
        for (SequenceInput.Event e : window) {
            seen.add(random.nextFloat() < config.trackDropout() ? new SequenceInput.Event(HIDDEN_TRACK, e.artistId(), e.type()) : e);
        }
        return seen;
    }

    /** Mean NDCG@10 of ranking the whole vocabulary for each validation case (unknown targets count as misses). */
    static double validationNdcg(SasRecModel model, List<Pair<List<SequenceInput.Event>, Integer>> cases) {
        if (cases.isEmpty()) {
            return 0;
        }
        model.parametersChanged();
        List<Pair<List<SequenceInput.Event>, Integer>> known = cases.stream()
                .filter(c -> c.getValue() > ItemVocabulary.OUT_OF_VOCABULARY).toList();
        double sum = 0;
        // Small batches: the [batch, tracks] temporaries stay below glibc's mmap threshold and are reused, not page-faulted in.
        int batchSize = 64;
        for (int from = 0; from < known.size(); from += batchSize) {
            List<Pair<List<SequenceInput.Event>, Integer>> batch = known.subList(from, Math.min(known.size(), from + batchSize));
            int[] ranks = model.ranks(batch.stream().map(Pair::getKey).toList(),
                    batch.stream().mapToInt(Pair::getValue).toArray());
            for (int rank : ranks) {
                if (rank <= 10) {
                    sum += 1 / (Math.log(rank + 1) / Math.log(2));
                }
            }
        }
        return sum / cases.size();
    }

    static ItemVocabulary vocabularyOf(List<Interaction> train) {
        Map<String, String> artists = new LinkedHashMap<>();
        train.forEach(e -> artists.putIfAbsent(e.trackId(), e.artistId()));
        return new ItemVocabulary(new ArrayList<>(artists.keySet()), new ArrayList<>(artists.values()));
    }

    private static Map<String, List<SequenceInput.Event>> histories(List<Interaction> events) {
        Map<String, List<SequenceInput.Event>> byUser = new LinkedHashMap<>();
        for (Interaction e : events) {
            byUser.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(new SequenceInput.Event(e.trackId(), e.artistId(), e.type()));
        }
        return byUser;
    }

    /** Windows of up to length+1 events over each user's sequence, overlapping by half a window. */
    private List<List<SequenceInput.Event>> windows(Iterable<List<SequenceInput.Event>> sequences) {
        int span = config.maxLength() + 1;
        int stride = Math.max(1, config.maxLength() / 2);
        List<List<SequenceInput.Event>> windows = new ArrayList<>();
        for (List<SequenceInput.Event> sequence : sequences) {
            for (int end = sequence.size(); end >= 2; end -= stride) {
                windows.add(sequence.subList(Math.max(0, end - span), end));
                if (end - span <= 0) {
                    break;
                }
            }
        }
        return windows;
    }

    /** Each validation event of a user with history, with the history the model reads before it (training events included). */
    private List<Pair<List<SequenceInput.Event>, Integer>> validationCases(
            Map<String, List<SequenceInput.Event>> trainHistories, List<Interaction> validation, ItemVocabulary vocabulary) {
        Map<String, List<SequenceInput.Event>> histories = new HashMap<>();
        trainHistories.forEach((user, events) -> histories.put(user, new ArrayList<>(events)));
        List<Pair<List<SequenceInput.Event>, Integer>> cases = new ArrayList<>();
        for (Interaction e : validation) {
            List<SequenceInput.Event> history = histories.computeIfAbsent(e.userId(), u -> new ArrayList<>());
            if (!history.isEmpty()) {
                cases.add(new Pair<>(List.copyOf(history.subList(Math.max(0, history.size() - config.maxLength()), history.size())),
                        vocabulary.id(e.trackId())));
            }
            history.add(new SequenceInput.Event(e.trackId(), e.artistId(), e.type()));
        }
        return cases;
    }

    /** Copies the parent's parameters into the (larger) new model; see {@link #continueFrom}. */
    private static void inherit(SasRecModel model, SasRecModel parent) {
        Map<String, float[]> values = snapshot(parent);
        int dim = model.config().dim();
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            float[] old = values.get(p.getKey());
            NDArray array = p.getValue().getArray();
            float[] now = new float[Math.toIntExact(array.size())];
            if (old == null || old.length > now.length || (old.length != now.length && !p.getKey().equals("items")
                    && !p.getKey().equals("artists"))) {
                throw new IllegalStateException("parameter " + p.getKey() + " does not fit the parent's");
            }
            System.arraycopy(old, 0, now, 0, old.length);
            int unknownRow = p.getKey().equals("items") ? ItemVocabulary.OUT_OF_VOCABULARY
                    : p.getKey().equals("artists") ? ItemVocabulary.UNKNOWN_ARTIST : -1;
            for (int row = old.length / dim; unknownRow >= 0 && row < now.length / dim; row++) {
                System.arraycopy(old, unknownRow * dim, now, row * dim, dim);
            }
            array.set(FloatBuffer.wrap(now));
        }
    }

    private static boolean parametersFinite(SasRecModel model) {
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            NDArray array = p.getValue().getArray();
            // Results land in their first operand's manager: move them to a scratch one, or they live as long as the model.
            try (NDManager scratch = array.getManager().newSubManager()) {
                NDArray nan = array.isNaN();
                nan.attach(scratch);
                NDArray infinite = array.isInfinite();
                infinite.attach(scratch);
                if (nan.logicalOr(infinite).any().getBoolean()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Map<String, float[]> snapshot(SasRecModel model) {
        Map<String, float[]> values = new HashMap<>();
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private static void restore(SasRecModel model, Map<String, float[]> values) {
        if (values == null) {
            return;
        }
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            p.getValue().getArray().set(FloatBuffer.wrap(values.get(p.getKey())));
        }
    }
}
