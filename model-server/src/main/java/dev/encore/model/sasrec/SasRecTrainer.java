package dev.encore.model.sasrec;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.encore.model.data.Interaction;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains the attention model on users' event sequences with a sampled softmax: at every position the next
 * track competes with {@code negatives} tracks drawn uniformly per batch. Full softmax over tens of
 * thousands of tracks is about ten times slower on CPU for no better full-ranking NDCG on this data size;
 * BCE with one negative per position trained slower to the same level in our runs. After each epoch the
 * model ranks the whole vocabulary for every validation event; training stops when that NDCG@10 has not
 * improved for {@code patience} epochs, and the best epoch's parameters are kept. Seeded: the same data and
 * config give the same model on the same machine.
 */
public final class SasRecTrainer {
    private final SasRecConfig config;
    private long[] playedIds = new long[0];

    public SasRecTrainer(SasRecConfig config) {
        this.config = config;
    }

    public record Result(SasRecModel model, TrainingReport report) {
    }

    public Result train(List<Interaction> train, List<Interaction> validation, Consumer<String> progress) {
        Engine.getInstance().setRandomSeed((int) config.seed());
        Random random = new Random(config.seed());
        ItemVocabulary vocabulary = vocabularyOf(train);
        Map<String, List<SequenceInput.Event>> histories = histories(train);
        List<List<SequenceInput.Event>> windows = windows(histories.values());
        List<Pair<List<SequenceInput.Event>, Integer>> validationCases = validationCases(histories, validation, vocabulary);

        playedIds = train.stream().mapToLong(e -> vocabulary.id(e.trackId())).toArray();
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
            trainer.initialize(inputShape, inputShape);
            for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
                Collections.shuffle(windows, random);
                long epochStart = System.nanoTime();
                double lossSum = 0;
                int batches = 0;
                for (int from = 0; from < windows.size(); from += config.batchSize()) {
                    List<List<SequenceInput.Event>> batch = windows.subList(from, Math.min(windows.size(), from + config.batchSize()));
                    lossSum += step(trainer, batch, vocabulary, random);
                    batches++;
                }
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                double ndcg = validationNdcg(model, validationCases);
                epochs.add(new TrainingReport.Epoch(epoch, lossSum / batches, windows.size() / seconds, ndcg));
                if (progress != null) {
                    progress.accept(String.format("epoch %d: loss %.4f, %,.0f sequences/s, validation NDCG@10 %.4f",
                            epoch, lossSum / batches, windows.size() / seconds, ndcg));
                }
                if (ndcg > bestNdcg) {
                    bestNdcg = ndcg;
                    bestEpoch = epoch;
                    best = snapshot(model);
                } else if (epoch - bestEpoch >= config.patience()) {
                    break;
                }
            }
        }
        restore(model, best);
        TrainingReport report = new TrainingReport(epochs, bestEpoch, bestNdcg, windows.size(),
                (System.nanoTime() - started) / 1e9);
        return new Result(model, report);
    }

    /** One optimiser step on a batch; returns the batch's mean loss. */
    private double step(Trainer trainer, List<List<SequenceInput.Event>> batch, ItemVocabulary vocabulary, Random random) {
        int length = config.maxLength();
        List<List<SequenceInput.Event>> inputs = new ArrayList<>(batch.size());
        List<List<SequenceInput.Event>> targets = new ArrayList<>(batch.size());
        for (List<SequenceInput.Event> window : batch) {
            inputs.add(window.subList(0, window.size() - 1));
            targets.add(window.subList(1, window.size()));
        }
        SequenceInput in = SequenceInput.of(inputs, vocabulary, length);
        SequenceInput out = SequenceInput.of(targets, vocabulary, length);
        long[] negatives = new long[config.negatives()];
        for (int i = 0; i < negatives.length; i++) {
            // Half uniform, half as often as tracks are played: popular tracks are the hard negatives.
            negatives[i] = i % 2 == 0 || playedIds.length == 0
                    ? ItemVocabulary.OUT_OF_VOCABULARY + 1 + random.nextInt(vocabulary.size() - 2)
                    : playedIds[random.nextInt(playedIds.length)];
        }
        try (NDManager manager = trainer.getManager().newSubManager()) {
            Shape shape = new Shape(batch.size(), length);
            NDArray ids = manager.create(in.items(), shape);
            NDArray types = manager.create(in.types(), shape);
            NDArray targetIds = manager.create(out.items(), shape);
            NDArray negativeIds = manager.create(negatives);
            // Positions whose next track is a real, known track; padding and unknown tracks teach nothing.
            NDArray weight = targetIds.gt(ItemVocabulary.OUT_OF_VOCABULARY).toType(DataType.FLOAT32, false);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList forward = trainer.forward(new NDList(ids, types));
                NDArray hidden = forward.get(0);
                NDArray table = forward.get(1);
                NDArray positive = Embedding.embedding(targetIds, table, SparseFormat.DENSE).singletonOrThrow();
                NDArray positiveLogits = hidden.mul(positive).sum(new int[] {2}).expandDims(2);          // [B, L, 1]
                NDArray negativeTable = Embedding.embedding(negativeIds, table, SparseFormat.DENSE).singletonOrThrow();
                NDArray negativeLogits = hidden.matMul(negativeTable.transpose());                      // [B, L, S]
                NDArray logits = positiveLogits.concat(negativeLogits, 2);
                NDArray nll = logits.logSoftmax(2).get(":, :, 0").neg();                                // [B, L]
                NDArray loss = nll.mul(weight).sum().div(weight.sum().maximum(1f));
                collector.backward(loss);
                trainer.step();
                return loss.getFloat();
            }
        }
    }

    /** Mean NDCG@10 of ranking the whole vocabulary for each validation case (unknown targets count as misses). */
    static double validationNdcg(SasRecModel model, List<Pair<List<SequenceInput.Event>, Integer>> cases) {
        if (cases.isEmpty()) {
            return 0;
        }
        double sum = 0;
        int batchSize = 256;
        for (int from = 0; from < cases.size(); from += batchSize) {
            List<Pair<List<SequenceInput.Event>, Integer>> batch = cases.subList(from, Math.min(cases.size(), from + batchSize));
            float[][] logits = model.logits(batch.stream().map(Pair::getKey).toList());
            for (int r = 0; r < batch.size(); r++) {
                int target = batch.get(r).getValue();
                if (target <= ItemVocabulary.OUT_OF_VOCABULARY) {
                    continue;
                }
                float score = logits[r][target];
                int rank = 1;
                for (int j = ItemVocabulary.OUT_OF_VOCABULARY + 1; j < logits[r].length; j++) {
                    if (logits[r][j] > score) {
                        rank++;
                    }
                }
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
            byUser.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(new SequenceInput.Event(e.trackId(), e.type()));
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
            history.add(new SequenceInput.Event(e.trackId(), e.type()));
        }
        return cases;
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
