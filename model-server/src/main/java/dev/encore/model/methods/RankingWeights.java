package dev.encore.model.methods;

/**
 * How the live recommender blends its sources (each scaled to a maximum of 1 first). Tuned on the validation
 * period by {@code train} and stored with the model, so that evaluation and the stream job rank alike.
 */
public record RankingWeights(float transitions, float personal, float sameArtist, float trending, float model)
        implements java.io.Serializable {
    /** Hand-set starting point of the tuning. */
    public static final RankingWeights DEFAULT = new RankingWeights(1f, 0.5f, 0.5f, 0.1f, 1f);

    public RankingWeights withModel(float weight) {
        return new RankingWeights(transitions, personal, sameArtist, trending, weight);
    }

    public RankingWeights withPersonal(float weight) {
        return new RankingWeights(transitions, weight, sameArtist, trending, model);
    }

    public RankingWeights with(int i, float weight) {
        float[] w = {transitions, personal, sameArtist, trending, model};
        w[i] = weight;
        return new RankingWeights(w[0], w[1], w[2], w[3], w[4]);
    }
}
