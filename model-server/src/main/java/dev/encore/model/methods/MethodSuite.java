package dev.encore.model.methods;

import java.util.ArrayList;
import java.util.List;

/** The methods every evaluation runs side by side. */
public final class MethodSuite {
    /** Candidates each source contributes to the live recommender (about 200 in all). */
    public static final int CANDIDATES_PER_SOURCE = 50;

    private MethodSuite() {
    }

    public static List<NextTrackMethod> baselines() {
        return List.of(
                SingleSource.globalPopularity(),
                SingleSource.trending(),
                SingleSource.personalPopularity(),
                SingleSource.transitions(),
                SingleSource.sameArtist(),
                new Blend("transitions+personal", List.of(
                        new Blend.Part("transitions", 1f, Sources::transitions),
                        new Blend.Part("personal", 0.5f, Sources::personal)), 0, false));
    }

    /** Baselines, the attention model alone, the full recommender and its ablations. */
    public static List<NextTrackMethod> all(RankingWeights weights, AttentionScores attention) {
        List<NextTrackMethod> methods = new ArrayList<>(baselines());
        if (attention != null) {
            methods.add(new SingleSource("sasrec (attention model alone)", attention));
            methods.add(recommender("full recommender (sasrec attention)", weights, attention));
            methods.add(recommender("full, no repeat source (sasrec)", weights.withPersonal(0), attention));
        }
        methods.add(recommender("full, no model rescoring", weights.withModel(0), null));
        return methods;
    }

    /** The live recommender: online candidate sources, rescored by the model, with the live exclusions. */
    public static Blend recommender(String name, RankingWeights w, AttentionScores attention) {
        List<Blend.Part> parts = new ArrayList<>(List.of(
                new Blend.Part("transitions", w.transitions(), Sources::transitions),
                new Blend.Part("personal", w.personal(), Sources::personal),
                new Blend.Part("same-artist", w.sameArtist(), Sources::sameArtist),
                new Blend.Part("trending", w.trending(), Sources::trending)));
        if (attention != null && w.model() > 0) {
            parts.add(new Blend.Part("model", w.model(), attention));
        }
        return new Blend(name, parts, CANDIDATES_PER_SOURCE, true);
    }
}
