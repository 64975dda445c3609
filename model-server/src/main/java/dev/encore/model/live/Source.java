package dev.encore.model.live;

import dev.encore.schema.CandidateSource;

/**
 * The one vocabulary of candidate sources: each is a column of a candidate's evidence, read by the ranker
 * ({@link RankingFeatures}), and has a name on the wire and the reason a listener reads.
 */
public enum Source {
    /** Tracks listeners played around the track just played. */
    CO_LISTENING(CandidateSource.CF),
    /** The listener's own recent plays and likes. */
    REPEAT(CandidateSource.REPEAT),
    /** The most played tracks of the last trending window. */
    TRENDING(CandidateSource.TRENDING),
    /** The most played tracks by the artist just played: content evidence, so it reaches tracks nobody paired yet. */
    SAME_ARTIST(CandidateSource.CONTENT),
    /** The attention model's own best tracks, and its score for every candidate. */
    MODEL(CandidateSource.MODEL);

    public static final int COUNT = values().length;
    private final CandidateSource wire;

    Source(CandidateSource wire) {
        this.wire = wire;
    }

    public CandidateSource wire() {
        return wire;
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
