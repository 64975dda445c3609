package dev.encore.model.eval;

import dev.encore.model.data.Interaction;
import dev.encore.model.methods.AttentionScores;
import dev.encore.model.methods.MethodSuite;
import dev.encore.model.methods.RankingWeights;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tunes the recommender's blend weights on the validation period (never the test period): coordinate ascent
 * over a small grid, each candidate scored by NDCG@10 in the streaming protocol.
 */
public final class WeightTuner {
    private static final float[] GRID = {0f, 0.25f, 0.5f, 1f, 2f};

    private WeightTuner() {
    }

    public static RankingWeights tune(List<Interaction> train, List<Interaction> validation, AttentionScores attention,
                                     Consumer<String> progress) {
        RankingWeights best = RankingWeights.DEFAULT.withModel(attention == null ? 0 : 1);
        double bestNdcg = ndcg(train, validation, best, attention);
        for (int round = 0; round < 1; round++) {
            for (int i = 1; i < 5; i++) { // transitions stays 1: the others are relative to it
                if (i == 4 && attention == null) {
                    continue;
                }
                for (float value : GRID) {
                    RankingWeights candidate = best.with(i, value);
                    if (candidate.equals(best)) {
                        continue;
                    }
                    double ndcg = ndcg(train, validation, candidate, attention);
                    if (ndcg > bestNdcg) {
                        bestNdcg = ndcg;
                        best = candidate;
                        if (progress != null) {
                            progress.accept(String.format("  tuning: %s -> validation NDCG@10 %.4f", best, bestNdcg));
                        }
                    }
                }
            }
        }
        return best;
    }

    private static double ndcg(List<Interaction> train, List<Interaction> validation, RankingWeights weights,
                               AttentionScores attention) {
        var method = MethodSuite.recommender("candidate", weights, attention);
        return Evaluator.run(Protocol.STREAMING, train, validation, List.of(method), null).methods().get("candidate").ndcg();
    }
}
