package dev.encore.model.eval;

import dev.encore.model.data.Interaction;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.LiveSettings;
import dev.encore.model.methods.LiveRecommender;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.scoring.RememberingScorer;
import dev.encore.model.scoring.Scorer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tunes the live recommender's blend weights on the validation period (never the test period): coordinate ascent
 * over a small grid, each candidate scored by NDCG@10 of the lists the job would emit, in the streaming protocol.
 */
public final class WeightTuner {
    private static final float[] GRID = {0f, 0.25f, 0.5f, 1f, 2f};

    private WeightTuner() {
    }

    /** @param scorer the model the weights are tuned with; null to tune without one */
    public static RankingWeights tune(LiveSettings settings, List<Interaction> train, List<Interaction> validation,
                                      Scorer model, Consumer<String> progress) {
        // Every run asks the model the same questions: answer each once.
        Scorer scorer = model == null ? null : new RememberingScorer(model, 2 * validation.size());
        RankingWeights best = RankingWeights.DEFAULT.withModel(scorer == null ? 0 : 1);
        double bestNdcg = ndcg(settings, train, validation, best, scorer);
        for (int i = 1; i < 5; i++) { // transitions stays 1: the others are relative to it
            if (i == 4 && scorer == null) {
                continue;
            }
            for (float value : GRID) {
                RankingWeights candidate = best.with(i, value);
                if (candidate.equals(best)) {
                    continue;
                }
                double ndcg = ndcg(settings, train, validation, candidate, scorer);
                if (ndcg > bestNdcg) {
                    bestNdcg = ndcg;
                    best = candidate;
                    if (progress != null) {
                        progress.accept(String.format("  tuning: %s -> validation NDCG@10 %.4f", best, bestNdcg));
                    }
                }
            }
        }
        return best;
    }

    private static double ndcg(LiveSettings settings, List<Interaction> train, List<Interaction> validation,
                               RankingWeights weights, Scorer scorer) {
        var method = new LiveRecommender("candidate", settings, weights, weights.model() > 0 ? scorer : null,
                Exclusions.SKIPPED_AND_JUST_PLAYED);
        return Evaluator.run(Protocol.STREAMING, train, validation, List.of(method), null).methods().get("candidate").ndcg();
    }
}
