package dev.encore.model.live;

import dev.encore.model.methods.RankingWeights;
import dev.encore.schema.CandidateSource;

/**
 * The one vocabulary of candidate sources: each is a column of a candidate's evidence, has a weight in the blend
 * ({@link RankingWeights}, tuned with the model), a name on the wire and the reason a listener reads.
 */
public enum Source {
    /** Tracks listeners played around the track just played. */
    CO_LISTENING(CandidateSource.CF, "transitions"),
    /** The listener's own recent plays and likes. */
    REPEAT(CandidateSource.REPEAT, "personal"),
    /** The most played tracks of the last trending window. */
    TRENDING(CandidateSource.TRENDING, "trending"),
    /** The most played tracks by the artist just played: content evidence, so it reaches tracks nobody paired yet. */
    SAME_ARTIST(CandidateSource.CONTENT, "sameArtist"),
    /** The attention model's own best tracks, and its score for every candidate. */
    MODEL(CandidateSource.MODEL, "model");

    public static final int COUNT = values().length;
    private final CandidateSource wire;
    private final String weightKey;

    Source(CandidateSource wire, String weightKey) {
        this.wire = wire;
        this.weightKey = weightKey;
    }

    public CandidateSource wire() {
        return wire;
    }

    /** The name of this source's weight in {@code ranking.json} ({@link RankingWeights}). */
    public String weightKey() {
        return weightKey;
    }

    public float weightIn(RankingWeights weights) {
        return switch (this) {
            case CO_LISTENING -> weights.transitions();
            case REPEAT -> weights.personal();
            case TRENDING -> weights.trending();
            case SAME_ARTIST -> weights.sameArtist();
            case MODEL -> weights.model();
        };
    }

    /** Why this source proposed {@code candidate} after {@code justPlayed}, for the listener. */
    public String reason(Candidate candidate, String justPlayed) {
        return switch (this) {
            case CO_LISTENING -> "often played around " + justPlayed;
            case REPEAT -> "you played it " + Math.max(1, Math.round(candidate.evidence(REPEAT))) + "x recently";
            case TRENDING -> "trending now";
            case SAME_ARTIST -> "more by the artist of " + justPlayed;
            case MODEL -> "fits your recent listening";
        };
    }
}
