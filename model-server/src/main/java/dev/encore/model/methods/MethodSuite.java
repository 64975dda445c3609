package dev.encore.model.methods;

import dev.encore.model.live.Exclusions;
import dev.encore.model.live.LiveSettings;
import dev.encore.model.scoring.Scorer;
import java.util.ArrayList;
import java.util.List;

/**
 * The methods every evaluation runs side by side. Every method appears under the product rules (skipped-in-session
 * and just-played tracks never offered) and without them, so the headline compares like with like.
 */
public final class MethodSuite {
    /** The name of the live recommender, exactly as the job runs it. */
    public static final String LIVE = "live recommender (what the job emits)";

    private MethodSuite() {
    }

    /** The name of the neural collaborative filtering comparator. */
    public static final String NCF = "ncf (user and track embeddings, MLP)";

    /** The catalogue-wide baselines, and the attention model alone when there is one. */
    public static List<NextTrackMethod> baselines(AttentionScores attention) {
        return baselines(attention, null);
    }

    /** As above, with neural collaborative filtering when {@code ncf} is given. */
    public static List<NextTrackMethod> baselines(AttentionScores attention, NcfScores ncf) {
        List<NextTrackMethod> methods = new ArrayList<>(List.of(
                SingleSource.globalPopularity(),
                SingleSource.trending(),
                SingleSource.personalPopularity(),
                SingleSource.transitions(),
                SingleSource.sameArtist(),
                new Blend("transitions+personal", List.of(
                        new Blend.Part("transitions", 1f, Sources::transitions),
                        new Blend.Part("personal", 0.5f, Sources::personal)))));
        if (ncf != null) {
            methods.add(new SingleSource(NCF, ncf));
        }
        if (attention != null) {
            methods.add(new SingleSource("sasrec (attention model alone)", attention));
        }
        return methods;
    }

    /** The names of the variants whose model keeps learning from the stream. */
    public static final String MODEL_UPDATED = "sasrec (attention model alone), updated";
    public static final String LIVE_UPDATED = "live recommender, model updated";
    /** The ablation that turns the model's own candidates on: its catalogue top this many (0023). */
    static final int MODEL_CANDIDATES_ON = 50;

    /**
     * The attention model alone and the live recommender over a model that is updated as the stream runs, under
     * the product rules (and the model alone without them).
     */
    public static List<NextTrackMethod> updated(LiveSettings settings, RankingWeights weights, AttentionScores attention,
                                                Scorer scorer) {
        NextTrackMethod alone = new SingleSource(MODEL_UPDATED, attention);
        return List.of(new Ruled(alone, Exclusions.SKIPPED_AND_JUST_PLAYED, settings),
                new Ruled(alone, Exclusions.NONE, settings),
                new LiveRecommender(LIVE_UPDATED, settings, weights, scorer, Exclusions.SKIPPED_AND_JUST_PLAYED));
    }

    /** Baselines and the live recommender with its ablations, each with and without the product rules. */
    public static List<NextTrackMethod> all(LiveSettings settings, RankingWeights weights, AttentionScores attention,
                                            Scorer scorer) {
        return all(settings, weights, attention, null, scorer);
    }

    /** As above, with neural collaborative filtering among the baselines when {@code ncf} is given. */
    public static List<NextTrackMethod> all(LiveSettings settings, RankingWeights weights, AttentionScores attention,
                                            NcfScores ncf, Scorer scorer) {
        List<NextTrackMethod> methods = new ArrayList<>();
        for (Exclusions rules : List.of(Exclusions.SKIPPED_AND_JUST_PLAYED, Exclusions.NONE)) {
            baselines(attention, ncf).forEach(b -> methods.add(new Ruled(b, rules, settings)));
        }
        if (scorer != null) {
            methods.add(new LiveRecommender(LIVE, settings, weights, scorer, Exclusions.SKIPPED_AND_JUST_PLAYED));
        }
        if (scorer != null) {
            methods.add(new LiveRecommender(settings.modelTopK() > 0 ? "live, model rescores only (no model candidates)"
                    : "live, model candidates on (" + MODEL_CANDIDATES_ON + ")",
                    settings.withModelTopK(settings.modelTopK() > 0 ? 0 : MODEL_CANDIDATES_ON),
                    weights, scorer, Exclusions.SKIPPED_AND_JUST_PLAYED));
        }
        methods.add(new LiveRecommender(scorer == null ? LIVE + ", no model" : "live, no model", settings,
                weights, null, Exclusions.SKIPPED_AND_JUST_PLAYED));
        if (scorer != null) {
            methods.add(new LiveRecommender("live, skips excluded, just-played allowed", settings, weights, scorer,
                    Exclusions.SKIPPED_ONLY));
            methods.add(new LiveRecommender("live, no rules", settings, weights, scorer, Exclusions.NONE));
        }
        methods.add(new LiveRecommender("live, no rules, no model", settings, weights, null, Exclusions.NONE));
        return methods;
    }
}
