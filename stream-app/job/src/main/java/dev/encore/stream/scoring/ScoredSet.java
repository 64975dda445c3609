package dev.encore.stream.scoring;

import dev.encore.model.methods.RankingWeights;
import dev.encore.stream.recommend.CandidateSet;
import dev.encore.stream.types.ImmutableRecords;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Candidates after the model: {@code modelScores} has one logit per candidate (same order; NaN for a track the
 * model does not know), and the set then also holds the model's own candidates; or it is empty when the model
 * could not answer ({@code degraded}) or the job runs without one. {@code weights} are the ranking weights learned
 * with the version that scored (null without one: the job's configured weights rank it), so that a list is
 * never ranked with one version's scores and another version's weights across a hot swap. A {@code superseded}
 * set was not scored because a newer set of the same user waited in the same model batch: its list would have
 * been replaced before anyone could read it, so none is made (its events are still judged for live quality).
 */
@TypeInfo(ImmutableRecords.class)
public record ScoredSet(CandidateSet set, float[] modelScores, boolean degraded, String modelVersion,
                        RankingWeights weights, boolean superseded) {

    /** Scored by the model of {@code modelVersion}, to be ranked with {@code weights}. */
    public static ScoredSet scored(CandidateSet set, float[] modelScores, String modelVersion, RankingWeights weights) {
        return new ScoredSet(set, modelScores, false, modelVersion, weights, false);
    }

    /** Not scored: a newer set of the same user was scored in the same batch. */
    public static ScoredSet superseded(CandidateSet set, String modelVersion) {
        return new ScoredSet(set, new float[0], false, modelVersion, null, true);
    }

    /** Ranked without the model although it should have scored: counted and flagged for readers. */
    public static ScoredSet degraded(CandidateSet set, String modelVersion) {
        return new ScoredSet(set, new float[0], true, modelVersion, null, false);
    }

    /** Ranked without a model because the job runs without one ({@code scoring.mode=off}): nothing failed. */
    public static ScoredSet withoutModel(CandidateSet set) {
        return new ScoredSet(set, new float[0], false, NO_MODEL, null, false);
    }

    public static final String NO_MODEL = "none";
}
