package dev.encore.model.eval;

import dev.encore.model.continual.ContinualModel;
import dev.encore.model.data.Interaction;
import dev.encore.model.live.Candidate;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.LiveSettings;
import dev.encore.model.live.RankedItem;
import dev.encore.model.live.RankingFeatures;
import dev.encore.model.live.RankingNet;
import dev.encore.model.methods.ListMethod;
import dev.encore.model.methods.LiveRecommender;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.sasrec.SasRecModel;
import dev.encore.model.scoring.Scorer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Learns the ranker's weights ({@link RankingWeights}) on the validation period, never the test period. The live
 * recommender runs over the period in the streaming protocol, as the job would, and every list it makes is an
 * example: the candidates, the model's logits for them, and the candidate the listener played next. Each
 * {@link RankingNet} is fitted to make that track likely under a softmax over its list's candidates (listwise, Adam,
 * minibatches of {@value #BATCH} lists, {@value #EPOCHS} epochs from a fixed seed, so the same examples give the same
 * weights). A list whose next track was not among its candidates says nothing about their order and is left out.
 * The net for lists with the model's scores learns from lists the model scored, updating as production updates it
 * ({@link RecordedUpdates}); the net for lists without learns from the same period ranked without the model.
 */
public final class RankerTrainer {
    public static final int HIDDEN = 8;
    static final int EPOCHS = 24;
    static final int BATCH = 64;
    private static final float LEARNING_RATE = 0.01f;
    private static final float L2 = 1e-4f;
    private static final long SEED = 1;
    /** Fewer lists than this teach a net noise: the hand-set weights stay instead. */
    static final int MIN_EXAMPLES = 100;

    private RankerTrainer() {
    }

    /** One list: each candidate's features and which of them the listener played next. */
    record Example(float[][] features, int target) {
    }

    /**
     * @param model the model the weights are learned with; null to learn the weights for lists without one only
     * @param every with a model: event time between its warm-started updates over the validation period, as the
     *              continual trainer updates it in production ({@code policy}); null for a frozen model
     */
    public static RankingWeights train(LiveSettings settings, List<Interaction> train, List<Interaction> validation,
                                       SasRecModel model, ContinualModel.Policy policy, Duration every, Consumer<String> progress) {
        Consumer<String> say = progress == null ? line -> { } : progress;
        Examples without = examples(settings, train, validation, RankingWeights.DEFAULT, null, null);
        RankingNet withoutModel = fitOrKeep(without.examples(), RankingWeights.DEFAULT.withoutModel(), "without the model", say);
        if (model == null) {
            RankingWeights learned = new RankingWeights(RankingWeights.DEFAULT.withModel(), withoutModel);
            say.accept(String.format("  ranker: %,d lists; validation NDCG@10 hand-set %.4f, learned %.4f (in sample)",
                    without.examples().size(), without.ndcg(), ndcg(settings, train, validation, learned, null, null)));
            return learned;
        }
        // The model's answers, updates included, are recorded in one run; the learned weights replay them.
        RecordedUpdates recorded = new RecordedUpdates(model, policy, every);
        long started = System.nanoTime();
        Examples with = examples(settings, train, validation, RankingWeights.DEFAULT, recorded.recordingScorer(),
                recorded.recordingLearner());
        recorded.finishRecording();
        say.accept(String.format("  ranker: the model's answers recorded over the validation period (%d updates, %.0f s); "
                + "%,d lists with the next track among the candidates", recorded.updates(), (System.nanoTime() - started) / 1e9,
                with.examples().size()));
        RankingWeights learned = new RankingWeights(fitOrKeep(with.examples(), RankingWeights.DEFAULT.withModel(), "with the model", say),
                withoutModel);
        RecordedUpdates.Replay replay = recorded.replay();
        say.accept(String.format("  ranker: validation NDCG@10 with the model hand-set %.4f, learned %.4f; without it "
                        + "hand-set %.4f, learned %.4f (learned: in sample)", with.ndcg(),
                ndcg(settings, train, validation, learned, replay.scorer(), replay.learner()), without.ndcg(),
                ndcg(settings, train, validation, learned, null, null)));
        return learned;
    }

    private record Examples(List<Example> examples, double ndcg) {
    }

    private static Examples examples(LiveSettings settings, List<Interaction> train, List<Interaction> validation,
                                     RankingWeights weights, Scorer scorer, Consumer<Interaction> learner) {
        Collector collector = new Collector(new LiveRecommender("examples", settings, weights, scorer,
                Exclusions.SKIPPED_AND_JUST_PLAYED));
        double ndcg = Evaluator.run(Protocol.STREAMING, train, validation, List.of(collector), learner, null)
                .methods().get(collector.name()).ndcg();
        return new Examples(collector.examples, ndcg);
    }

    private static double ndcg(LiveSettings settings, List<Interaction> train, List<Interaction> validation,
                               RankingWeights weights, Scorer scorer, Consumer<Interaction> learner) {
        var method = new LiveRecommender("learned", settings, weights, scorer, Exclusions.SKIPPED_AND_JUST_PLAYED);
        return Evaluator.run(Protocol.STREAMING, train, validation, List.of(method), learner, null).methods().get("learned").ndcg();
    }

    /** Each list the live recommender makes, with the track the same listener played next. */
    private static final class Collector implements ListMethod {
        private final LiveRecommender live;
        private final List<Example> examples = new ArrayList<>();
        private String listedFor;
        private Candidate[] candidates;
        private float[] logits;
        private String[] historyArtists;

        Collector(LiveRecommender live) {
            this.live = live.showingInputsTo((c, l, h) -> {
                candidates = c;
                logits = l;
                historyArtists = h;
            });
        }

        @Override
        public String name() {
            return live.name();
        }

        @Override
        public List<RankedItem> list(String userId) {
            candidates = null;
            listedFor = userId;
            return live.list(userId);
        }

        @Override
        public void observe(Interaction event, boolean learn) {
            // The evaluator asks for a listener's list just before it shows the recommender their next event.
            if (candidates != null && event.userId().equals(listedFor)) {
                for (int i = 0; i < candidates.length; i++) {
                    if (candidates[i].trackId().equals(event.trackId())) {
                        examples.add(new Example(RankingFeatures.of(candidates, logits, historyArtists), i));
                        break;
                    }
                }
            }
            candidates = null;
            live.observe(event, learn);
        }

        @Override
        public List<RankedItem> newListenerList() {
            return live.newListenerList();
        }
    }

    private static RankingNet fitOrKeep(List<Example> examples, RankingNet handSet, String which, Consumer<String> say) {
        if (examples.size() < MIN_EXAMPLES) {
            say.accept(String.format("  ranker %s: only %d lists with the next track among the candidates (fewer than %d): "
                    + "keeping the hand-set weights; a longer validation period (--validation-share) gives more", which,
                    examples.size(), MIN_EXAMPLES));
            return handSet;
        }
        return fit(examples);
    }

    /** Fits one net to the examples (listwise softmax, Adam with L2). */
    static RankingNet fit(List<Example> examples) {
        int f = RankingFeatures.COUNT;
        Random random = new Random(SEED);
        float[][] hidden = new float[HIDDEN][f];
        float[] bias = new float[HIDDEN];
        float[] out = new float[HIDDEN];
        for (float[] row : hidden) {
            for (int j = 0; j < f; j++) {
                row[j] = (float) (random.nextGaussian() * 0.3);
            }
        }
        for (int k = 0; k < HIDDEN; k++) {
            out[k] = (float) (random.nextGaussian() * 0.3);
        }
        RankingNet net = new RankingNet(new float[f], hidden, bias, out);
        Gradient gradient = new Gradient(net);
        Adam adam = new Adam(net);
        List<Example> order = new ArrayList<>(examples);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Collections.shuffle(order, random);
            for (int start = 0; start < order.size(); start += BATCH) {
                gradient.clear();
                int end = Math.min(order.size(), start + BATCH);
                for (Example example : order.subList(start, end)) {
                    gradient.add(net, example);
                }
                adam.step(net, gradient, 1f / (end - start));
            }
        }
        return net;
    }

    /** The gradient of the listwise softmax loss, summed over a minibatch; same shapes as the net. */
    static final class Gradient {
        final float[] linear;
        final float[][] hidden;
        final float[] bias;
        final float[] out;

        Gradient(RankingNet net) {
            linear = new float[net.linear().length];
            hidden = new float[net.hidden().length][net.linear().length];
            bias = new float[net.bias().length];
            out = new float[net.out().length];
        }

        void clear() {
            java.util.Arrays.fill(linear, 0);
            for (float[] row : hidden) {
                java.util.Arrays.fill(row, 0);
            }
            java.util.Arrays.fill(bias, 0);
            java.util.Arrays.fill(out, 0);
        }

        /** Adds one list's gradient of {@code -log softmax(scores)[target]}; returns that loss. */
        double add(RankingNet net, Example example) {
            int n = example.features().length;
            int h = net.hidden().length;
            float[] scores = new float[n];
            float[][] activations = new float[n][h];
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                scores[i] = net.score(example.features()[i], activations[i]);
                max = Math.max(max, scores[i]);
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Math.exp(scores[i] - max);
            }
            for (int i = 0; i < n; i++) {
                float d = (float) (Math.exp(scores[i] - max) / sum) - (i == example.target() ? 1 : 0);
                float[] x = example.features()[i];
                for (int j = 0; j < x.length; j++) {
                    linear[j] += d * x[j];
                }
                for (int k = 0; k < h; k++) {
                    float a = activations[i][k];
                    out[k] += d * a;
                    float da = d * net.out()[k] * (1 - a * a);
                    bias[k] += da;
                    for (int j = 0; j < x.length; j++) {
                        hidden[k][j] += da * x[j];
                    }
                }
            }
            return Math.log(sum) + max - scores[example.target()];
        }
    }

    /** Adam over the net's arrays, in place, with L2 on the weights (not the biases). */
    private static final class Adam {
        private final Gradient first;
        private final Gradient second;
        private int steps;

        Adam(RankingNet net) {
            first = new Gradient(net);
            second = new Gradient(net);
        }

        void step(RankingNet net, Gradient g, float scale) {
            steps++;
            update(net.linear(), g.linear, first.linear, second.linear, scale, L2);
            for (int k = 0; k < net.hidden().length; k++) {
                update(net.hidden()[k], g.hidden[k], first.hidden[k], second.hidden[k], scale, L2);
            }
            update(net.bias(), g.bias, first.bias, second.bias, scale, 0);
            update(net.out(), g.out, first.out, second.out, scale, L2);
        }

        private void update(float[] p, float[] g, float[] m, float[] v, float scale, float l2) {
            double correct1 = 1 - Math.pow(0.9, steps);
            double correct2 = 1 - Math.pow(0.999, steps);
            for (int i = 0; i < p.length; i++) {
                float gi = g[i] * scale + l2 * p[i];
                m[i] = 0.9f * m[i] + 0.1f * gi;
                v[i] = 0.999f * v[i] + 0.001f * gi * gi;
                p[i] -= (float) (LEARNING_RATE * (m[i] / correct1) / (Math.sqrt(v[i] / correct2) + 1e-8));
            }
        }
    }
}
