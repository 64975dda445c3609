package dev.encore.stream.scoring;

import dev.encore.stream.recommend.CandidateSet;

/**
 * Candidates after the model: {@code modelScores} has one score per candidate (same order), or is empty when
 * the model could not answer ({@code degraded}); the set then also holds the model's own candidates.
 */
public record ScoredSet(CandidateSet set, float[] modelScores, boolean degraded, String modelVersion, long scoringMicros) {

    public static ScoredSet degraded(CandidateSet set, String modelVersion) {
        return new ScoredSet(set, new float[0], true, modelVersion, 0);
    }
}
