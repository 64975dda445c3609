package dev.encore.stream.scoring;

import dev.encore.model.methods.RankingWeights;
import dev.encore.stream.recommend.CandidateSet;

/**
 * Candidates after the model: {@code modelScores} has one logit per candidate (same order; NaN for a track the
 * model does not know), and the set then also holds the model's own candidates; or it is empty when the model
 * could not answer ({@code degraded}) or the job runs without one. {@code weights} are the blend weights tuned
 * with the version that scored (null without one: the job's configured weights rank it), so that a list is
 * never ranked with one version's scores and another version's weights across a hot swap.
 */
public record ScoredSet(CandidateSet set, float[] modelScores, boolean degraded, String modelVersion,
                        RankingWeights weights) {

    /** Ranked without the model although it should have scored: counted and flagged for readers. */
    public static ScoredSet degraded(CandidateSet set, String modelVersion) {
        return new ScoredSet(set, new float[0], true, modelVersion, null);
    }

    /** Ranked without a model because the job runs without one ({@code scoring.mode=off}): nothing failed. */
    public static ScoredSet withoutModel(CandidateSet set) {
        return new ScoredSet(set, new float[0], false, NO_MODEL, null);
    }

    public static final String NO_MODEL = "none";
}
