package dev.encore.model.ncf;

import ai.djl.Model;
import ai.djl.engine.Engine;
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
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import dev.encore.model.data.Interaction;
import dev.encore.schema.EventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Neural collaborative filtering (He et al., 2017, the MLP tower): a user embedding and a track embedding,
 * concatenated and passed through an MLP to one logit, trained with binary cross-entropy on the user's played and
 * liked tracks against {@code negatives} uniformly drawn tracks each. It reads no order: the comparator that
 * shows what sequence modelling adds. The first layer is split into a user part and a track part, so that scoring
 * every track for one user costs one pass of the smaller layers over the precomputed track part.
 */
public final class NcfModel implements AutoCloseable {

    /** Shape and training settings. */
    public record Config(int dim, int hidden, int epochs, int batchSize, float learningRate, int negatives, long seed) {
        public static final Config DEFAULT = new Config(32, 64, 4, 1024, 2e-3f, 4, 42);
    }

    private final Model model;
    private final Tower tower;
    private final Map<String, Integer> users;
    private final Map<String, Integer> tracks;
    private final List<String> trackIds;
    private NDArray trackPart;

    private NcfModel(Model model, Tower tower, Map<String, Integer> users, Map<String, Integer> tracks) {
        this.model = model;
        this.tower = tower;
        this.users = users;
        this.tracks = tracks;
        this.trackIds = new ArrayList<>(tracks.keySet());
    }

    /** Fits the model on training events (plays and likes are positives). */
    public static NcfModel train(List<Interaction> events, Config config, Consumer<String> progress) {
        Engine.getInstance().setRandomSeed((int) config.seed());
        Map<String, Integer> users = new LinkedHashMap<>();
        Map<String, Integer> tracks = new LinkedHashMap<>();
        List<long[]> positives = new ArrayList<>();
        for (Interaction e : events) {
            int user = users.computeIfAbsent(e.userId(), u -> users.size());
            int track = tracks.computeIfAbsent(e.trackId(), t -> tracks.size());
            if (e.type() == EventType.PLAY || e.type() == EventType.LIKE) {
                positives.add(new long[] {user, track});
            }
        }
        Model model = Model.newInstance("ncf");
        Tower tower = new Tower(users.size(), tracks.size(), config);
        model.setBlock(tower);
        NcfModel ncf = new NcfModel(model, tower, users, tracks);
        Random random = new Random(config.seed());
        DefaultTrainingConfig training = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(config.learningRate())).build());
        try (Trainer trainer = model.newTrainer(training)) {
            trainer.initialize(new Shape(config.batchSize()), new Shape(config.batchSize()));
            int perPositive = 1 + config.negatives();
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                java.util.Collections.shuffle(positives, random);
                long started = System.nanoTime();
                double lossSum = 0;
                int batches = 0;
                int step = Math.max(1, config.batchSize() / perPositive);
                for (int from = 0; from < positives.size(); from += step) {
                    List<long[]> batch = positives.subList(from, Math.min(positives.size(), from + step));
                    long[] u = new long[batch.size() * perPositive];
                    long[] t = new long[u.length];
                    float[] label = new float[u.length];
                    int at = 0;
                    for (long[] positive : batch) {
                        for (int k = 0; k < perPositive; k++, at++) {
                            u[at] = positive[0];
                            t[at] = k == 0 ? positive[1] : random.nextInt(tracks.size());
                            label[at] = k == 0 ? 1 : 0;
                        }
                    }
                    try (NDManager manager = trainer.getManager().newSubManager();
                         GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray logits = trainer.forward(new NDList(manager.create(u), manager.create(t))).singletonOrThrow();
                        NDArray loss = training.getLossFunction().evaluate(new NDList(manager.create(label)), new NDList(logits));
                        collector.backward(loss);
                        trainer.step();
                        lossSum += loss.getFloat();
                        batches++;
                    }
                }
                if (progress != null) {
                    progress.accept(String.format("ncf epoch %d: loss %.4f, %,.0f examples/s", epoch, lossSum / batches,
                            positives.size() * perPositive / ((System.nanoTime() - started) / 1e9)));
                }
            }
        }
        return ncf;
    }

    /** Whether the model has an embedding for this user. */
    public boolean knows(String userId) {
        return users.containsKey(userId);
    }

    /** The tracks the model can score, in the order of {@link #probabilities}. */
    public List<String> tracks() {
        return trackIds;
    }

    /** The probability of each track (in {@link #tracks} order) for a known user; null for an unknown user. */
    public float[] probabilities(String userId) {
        Integer user = users.get(userId);
        if (user == null) {
            return null;
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            if (trackPart == null) {
                trackPart = tower.trackPart(model.getNDManager());
            }
            return tower.scoreAll(manager, user, trackPart).toFloatArray();
        }
    }

    @Override
    public void close() {
        model.close();
    }

    /** Embeddings and the MLP tower; the first layer is {@code W_u u + W_t t + b}. */
    private static final class Tower extends AbstractBlock {
        private final Parameter userEmbedding;
        private final Parameter trackEmbedding;
        private final Linear userLayer;
        private final Linear trackLayer;
        private final Linear hidden;
        private final Linear out;
        private final Config config;

        Tower(int users, int tracks, Config config) {
            super((byte) 1);
            this.config = config;
            userEmbedding = addParameter(Parameter.builder().setName("users").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(users, config.dim())).optInitializer(new NormalInitializer(0.05f)).build());
            trackEmbedding = addParameter(Parameter.builder().setName("tracks").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(tracks, config.dim())).optInitializer(new NormalInitializer(0.05f)).build());
            userLayer = addChildBlock("user_layer", Linear.builder().setUnits(config.hidden()).optBias(false).build());
            trackLayer = addChildBlock("track_layer", Linear.builder().setUnits(config.hidden()).build());
            hidden = addChildBlock("hidden", Linear.builder().setUnits(config.hidden() / 2).build());
            out = addChildBlock("out", Linear.builder().setUnits(1).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray u = Embedding.embedding(inputs.get(0), store.getValue(userEmbedding, inputs.get(0).getDevice(), training),
                    SparseFormat.DENSE).singletonOrThrow();
            NDArray t = Embedding.embedding(inputs.get(1), store.getValue(trackEmbedding, inputs.get(1).getDevice(), training),
                    SparseFormat.DENSE).singletonOrThrow();
            NDArray first = userLayer.forward(store, new NDList(u), training).singletonOrThrow()
                    .add(trackLayer.forward(store, new NDList(t), training).singletonOrThrow());
            return new NDList(top(store, Activation.relu(first), training).squeeze(-1));
        }

        private NDArray top(ParameterStore store, NDArray first, boolean training) {
            NDArray h = Activation.relu(hidden.forward(store, new NDList(first), training).singletonOrThrow());
            return out.forward(store, new NDList(h), training).singletonOrThrow();
        }

        /** The track part of the first layer for every track, {@code [tracks, hidden]}, kept with the model. */
        NDArray trackPart(NDManager manager) {
            ParameterStore store = new ParameterStore(manager, false);
            NDArray table = store.getValue(trackEmbedding, manager.getDevice(), false);
            NDArray part = trackLayer.forward(store, new NDList(table), false).singletonOrThrow();
            part.attach(manager);
            return part;
        }

        NDArray scoreAll(NDManager manager, int user, NDArray trackPart) {
            ParameterStore store = new ParameterStore(manager, false);
            NDArray u = Embedding.embedding(manager.create(new long[] {user}),
                    store.getValue(userEmbedding, manager.getDevice(), false), SparseFormat.DENSE).singletonOrThrow();
            NDArray first = userLayer.forward(store, new NDList(u), false).singletonOrThrow();   // [1, hidden]
            NDArray hiddenIn = Activation.relu(first.add(trackPart));                               // [tracks, hidden]
            return Activation.sigmoid(top(store, hiddenIn, false).squeeze(-1));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0]};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape embedded = new Shape(inputShapes[0].get(0), config.dim());
            userLayer.initialize(manager, dataType, embedded);
            trackLayer.initialize(manager, dataType, embedded);
            Shape first = new Shape(inputShapes[0].get(0), config.hidden());
            hidden.initialize(manager, dataType, first);
            out.initialize(manager, dataType, new Shape(inputShapes[0].get(0), config.hidden() / 2));
        }
    }
}
