package dev.encore.stream.recommend;

import dev.encore.model.methods.RankingWeights;
import dev.encore.schema.CandidateSource;

/** The candidate sources, each a column of a candidate's signals, with its weight and its name on the wire. */
public enum Signal {
    CO_LISTENING(CandidateSource.CF),
    REPEAT(CandidateSource.REPEAT),
    TRENDING(CandidateSource.TRENDING),
    CONTENT(CandidateSource.CONTENT),
    MODEL(CandidateSource.MODEL);

    public static final int COUNT = values().length;
    private final CandidateSource wire;

    Signal(CandidateSource wire) {
        this.wire = wire;
    }

    public CandidateSource wire() {
        return wire;
    }

    /** This source's weight in the blend: the weights tuned offline and stored with the model. */
    public float weightIn(RankingWeights weights) {
        return switch (this) {
            case CO_LISTENING -> weights.transitions();
            case REPEAT -> weights.personal();
            case TRENDING -> weights.trending();
            case CONTENT -> weights.sameArtist();
            case MODEL -> weights.model();
        };
    }
}
