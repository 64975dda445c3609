package dev.encore.model.methods;

import dev.encore.model.live.RankingFeatures;
import dev.encore.model.live.RankingNet;
import dev.encore.model.live.Source;

/**
 * The ranker's learned scoring functions: one for lists made with the model's scores, one for lists made without
 * them (the job with {@code scoring.mode=off}, a degraded call, the evaluation's "no model" rows), each learned on
 * the validation period for its own case by {@code encore-model train} and stored with the model, so that
 * evaluation and the stream job rank alike.
 */
public record RankingWeights(RankingNet withModel, RankingNet withoutModel) implements java.io.Serializable {
    /**
     * Hand-set, for when nothing was learned (no model trained yet): co-listening 1, repeats 0.5, the artist 0.5,
     * trending 0.1, the model's relative probability 1.
     */
    public static final RankingWeights DEFAULT = blend(1f, 0.5f, 0.5f, 0.1f, 1f);

    /**
     * A linear blend of each source's evidence scaled to a maximum of 1 (for the model, its relative probability):
     * the hand-set form, and a readable one for tests. Without the model's scores the same blend less its term.
     */
    public static RankingWeights blend(float coListening, float repeats, float sameArtist, float trending, float model) {
        float[] w = new float[RankingFeatures.COUNT];
        w[RankingFeatures.scaledColumn(Source.CO_LISTENING)] = coListening;
        w[RankingFeatures.scaledColumn(Source.REPEAT)] = repeats;
        w[RankingFeatures.scaledColumn(Source.SAME_ARTIST)] = sameArtist;
        w[RankingFeatures.scaledColumn(Source.TRENDING)] = trending;
        float[] without = w.clone();
        w[RankingFeatures.scaledColumn(Source.MODEL)] = model;
        return new RankingWeights(RankingNet.linear(w), RankingNet.linear(without));
    }

    /** The function for a list made with the model's scores ({@code withModel}) or without. */
    public RankingNet net(boolean withModelScores) {
        return withModelScores ? withModel : withoutModel;
    }
}
