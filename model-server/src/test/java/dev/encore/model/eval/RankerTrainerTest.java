package dev.encore.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.continual.ContinualModel;
import dev.encore.model.data.Interaction;
import dev.encore.model.live.LiveSettings;
import dev.encore.model.live.RankingFeatures;
import dev.encore.model.live.RankingNet;
import dev.encore.model.live.Source;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.testing.SampleData;
import dev.encore.model.testing.TinyModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ranker's nets learn what the next track looks like among its list's candidates. */
class RankerTrainerTest {
    private static final int F = RankingFeatures.COUNT;
    private static final int TRENDING = RankingFeatures.scaledColumn(Source.TRENDING);
    private static final int CO = RankingFeatures.scaledColumn(Source.CO_LISTENING);

    @Test
    void theGradientIsTheLossesSlope() {
        Random random = new Random(3);
        float[][] hidden = new float[4][F];
        float[] bias = new float[4];
        float[] out = new float[4];
        float[] linear = new float[F];
        for (int k = 0; k < 4; k++) {
            bias[k] = (float) random.nextGaussian();
            out[k] = (float) random.nextGaussian();
            for (int j = 0; j < F; j++) {
                hidden[k][j] = (float) random.nextGaussian() * 0.5f;
            }
        }
        for (int j = 0; j < F; j++) {
            linear[j] = (float) random.nextGaussian();
        }
        RankingNet net = new RankingNet(linear, hidden, bias, out);
        RankerTrainer.Example example = randomList(random, 6, 2);
        RankerTrainer.Gradient gradient = new RankerTrainer.Gradient(net);
        gradient.add(net, example);
        float[][] parameters = {linear, hidden[1], bias, out};
        float[][] slopes = {gradient.linear, gradient.hidden[1], gradient.bias, gradient.out};
        for (int p = 0; p < parameters.length; p++) {
            for (int i = 0; i < parameters[p].length; i++) {
                float kept = parameters[p][i];
                parameters[p][i] = kept + 1e-3f;
                double up = loss(net, example);
                parameters[p][i] = kept - 1e-3f;
                double down = loss(net, example);
                parameters[p][i] = kept;
                assertEquals((up - down) / 2e-3, slopes[p][i], 2e-3, "parameter " + i + " of array " + p);
            }
        }
    }

    @Test
    void learnsAPreferenceTheHandSetBlendMisses() {
        // The next track is the one most trending; co-listening is noise. The hand-set blend follows co-listening.
        Random random = new Random(5);
        List<RankerTrainer.Example> train = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            train.add(trendingWins(random));
        }
        RankingNet learned = RankerTrainer.fit(train);
        assertEquals(learned, RankerTrainer.fit(train), "the same examples give the same net");
        int learnedTop = 0;
        int handSetTop = 0;
        for (int i = 0; i < 200; i++) {
            RankerTrainer.Example example = trendingWins(random);
            learnedTop += top(learned, example) == example.target() ? 1 : 0;
            handSetTop += top(RankingWeights.DEFAULT.withoutModel(), example) == example.target() ? 1 : 0;
        }
        assertTrue(learnedTop >= 190, "learned net puts the next track first in " + learnedTop + " of 200");
        assertTrue(handSetTop < 100, "hand-set blend: " + handSetTop + " of 200");
    }

    @Test
    void learnsBothNetsOnTheValidationPeriodWithTheModelUpdating() {
        List<Interaction> events = SampleData.events();
        List<Interaction> train = events.subList(0, 2700);
        List<Interaction> validation = events.subList(2700, 6000);
        List<String> progress = new ArrayList<>();
        RankingWeights learned = RankerTrainer.train(LiveSettings.DEFAULT, train, validation, TinyModels.trained().model(),
                new ContinualModel.Policy(Duration.ofHours(48), 1, 2e-3f), Duration.ofHours(1), progress::add);
        assertEquals(RankerTrainer.HIDDEN, learned.withModel().hidden().length);
        assertEquals(RankerTrainer.HIDDEN, learned.withoutModel().hidden().length);
        assertTrue(String.join("\n", progress).contains("learned"), String.join("\n", progress));

        RankingWeights withoutModel = RankerTrainer.train(LiveSettings.DEFAULT, train, validation, null, null, null, null);
        assertEquals(RankingWeights.DEFAULT.withModel(), withoutModel.withModel(), "nothing to learn the model's net from");
        assertEquals(learned.withoutModel(), withoutModel.withoutModel(), "the net without the model does not depend on it");
    }

    @Test
    void tooFewListsKeepTheHandSetWeights() {
        List<Interaction> events = SampleData.events();
        List<String> progress = new ArrayList<>();
        RankingWeights kept = RankerTrainer.train(LiveSettings.DEFAULT, events.subList(0, 2700), events.subList(2700, 2760),
                null, null, null, progress::add);
        assertEquals(RankingWeights.DEFAULT, kept);
        assertTrue(progress.get(0).contains("keeping the hand-set weights"), progress.get(0));
    }

    private static RankerTrainer.Example trendingWins(Random random) {
        RankerTrainer.Example example = randomList(random, 8, 0);
        float[][] x = example.features();
        int best = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i][TRENDING] > x[best][TRENDING]) {
                best = i;
            }
        }
        return new RankerTrainer.Example(x, best);
    }

    private static RankerTrainer.Example randomList(Random random, int n, int target) {
        float[][] x = new float[n][F];
        for (float[] row : x) {
            row[CO] = random.nextFloat();
            row[CO + 1] = random.nextFloat() * 3;
            row[TRENDING] = random.nextFloat();
            row[TRENDING + 1] = random.nextFloat() * 3;
        }
        return new RankerTrainer.Example(x, target);
    }

    private static int top(RankingNet net, RankerTrainer.Example example) {
        int best = 0;
        for (int i = 1; i < example.features().length; i++) {
            if (net.score(example.features()[i]) > net.score(example.features()[best])) {
                best = i;
            }
        }
        return best;
    }

    private static double loss(RankingNet net, RankerTrainer.Example example) {
        double max = Double.NEGATIVE_INFINITY;
        double[] scores = new double[example.features().length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = net.score(example.features()[i]);
            max = Math.max(max, scores[i]);
        }
        double sum = 0;
        for (double s : scores) {
            sum += Math.exp(s - max);
        }
        return Math.log(sum) + max - scores[example.target()];
    }
}
