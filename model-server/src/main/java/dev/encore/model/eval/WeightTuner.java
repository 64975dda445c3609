package dev.encore.model.eval;

import dev.encore.model.continual.ContinualModel;
import dev.encore.model.data.Interaction;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.LiveSettings;
import dev.encore.model.methods.LiveRecommender;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.sasrec.SasRecModel;
import dev.encore.model.scoring.Scorer;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Tunes the live recommender's blend weights on the validation period (never the test period): coordinate ascent
 * over a small grid, repeated until a pass changes nothing, each candidate scored by NDCG@10 of the lists the job
 * would emit, in the streaming protocol.
 */
public final class WeightTuner {
    private static final float[] GRID = {0f, 0.25f, 0.5f, 1f, 2f};
    private static final int MAX_PASSES = 4;

    private WeightTuner() {
    }

    /**
     * @param model the model the weights are tuned with; null to tune without one
     * @param every with a model: event time between its warm-started updates over the validation period, as the
     *              continual trainer updates it in production ({@code policy}); null to tune it frozen
     */
    public static RankingWeights tune(LiveSettings settings, List<Interaction> train, List<Interaction> validation,
                                      SasRecModel model, ContinualModel.Policy policy, Duration every, Consumer<String> progress) {
        if (model == null) {
            return ascend(RankingWeights.DEFAULT.withModel(0), false,
                    weights -> ndcg(settings, train, validation, weights, null, null), progress);
        }
        // The model's answers, updates included, are recorded in one run; every candidate replays them.
        RecordedUpdates recorded = new RecordedUpdates(model, policy, every);
        long started = System.nanoTime();
        double first = ndcg(settings, train, validation, RankingWeights.DEFAULT, recorded.recordingScorer(), recorded.recordingLearner());
        recorded.finishRecording();
        if (progress != null) {
            progress.accept(String.format("  tuning: model answers recorded over the validation period (%d updates, %.0f s), "
                    + "validation NDCG@10 %.4f at %s", recorded.updates(), (System.nanoTime() - started) / 1e9, first,
                    RankingWeights.DEFAULT));
        }
        return ascend(RankingWeights.DEFAULT, true, weights -> {
            RecordedUpdates.Replay replay = recorded.replay();
            return ndcg(settings, train, validation, weights, replay.scorer(), replay.learner());
        }, progress);
    }

    /**
     * Coordinate ascent from {@code start} over {@link #GRID}, each weight but the co-listening one (the others are
     * relative to it) and the model's only with {@code withModel}, in passes until one changes nothing: a weight
     * chosen while another was far off (the model's, say, at its start of 1) is chosen again once that one moved.
     */
    static RankingWeights ascend(RankingWeights start, boolean withModel, ToDoubleFunction<RankingWeights> quality,
                                 Consumer<String> progress) {
        RankingWeights best = start;
        double bestQuality = quality.applyAsDouble(best);
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            boolean changed = false;
            for (int i = 1; i < 5; i++) {
                if (i == 4 && !withModel) {
                    continue;
                }
                for (float value : GRID) {
                    RankingWeights candidate = best.with(i, value);
                    if (candidate.equals(best)) {
                        continue;
                    }
                    double measured = quality.applyAsDouble(candidate);
                    if (measured > bestQuality) {
                        bestQuality = measured;
                        best = candidate;
                        changed = true;
                        if (progress != null) {
                            progress.accept(String.format("  tuning, pass %d: %s -> validation NDCG@10 %.4f", pass, best, bestQuality));
                        }
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        return best;
    }

    private static double ndcg(LiveSettings settings, List<Interaction> train, List<Interaction> validation,
                               RankingWeights weights, Scorer scorer, Consumer<Interaction> learner) {
        var method = new LiveRecommender("candidate", settings, weights, weights.model() > 0 ? scorer : null,
                Exclusions.SKIPPED_AND_JUST_PLAYED);
        return Evaluator.run(Protocol.STREAMING, train, validation, List.of(method), learner, null).methods().get("candidate").ndcg();
    }
}
