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
                        new Blend.Part("personal", 0.5f, Sources::personal))));
    }

    /** Baselines, the attention model alone, the full recommender and its ablations. */
    public static List<NextTrackMethod> all(RankingWeights weights, AttentionScores attention) {
        List<NextTrackMethod> methods = new ArrayList<>(baselines());
        if (attention != null) {
            methods.add(new SingleSource("sasrec (attention model alone)", attention));
            methods.add(recommender("full recommender (sasrec attention)", weights, attention));
            boolean repeats = weights.personal() > 0;
            methods.add(recommender(repeats ? "full, repeat source off" : "full, repeat source on (0.5)",
                    weights.withPersonal(repeats ? 0 : 0.5f), attention));
        }
        methods.add(recommender("full, no model rescoring", weights.withModel(0), null));
        if (attention != null) {
            methods.add(withExclusions("full, skips excluded, just-played allowed", weights, attention,
                    LiveRecommender.Exclusions.SKIPPED_ONLY));
            methods.add(withExclusions("full, no live exclusions", weights, attention, LiveRecommender.Exclusions.NONE));
        }
        methods.add(withExclusions("full, no live exclusions, no model", weights.withModel(0), null,
                LiveRecommender.Exclusions.NONE));
        return methods;
    }

    /** The recommender with other exclusion rules: what the live rules cost. */
    static LiveRecommender withExclusions(String name, RankingWeights w, AttentionScores attention,
                                          LiveRecommender.Exclusions rules) {
        LiveRecommender live = recommender(name, w, attention);
        return new LiveRecommender(name, live.sources(), attention,
                attention == null ? null : attention.topCandidates(CANDIDATES_PER_SOURCE), w.model(), CANDIDATES_PER_SOURCE, rules);
    }

    /** The live recommender: online candidate sources, rescored by the model, with the live exclusions. */
    public static LiveRecommender recommender(String name, RankingWeights w, AttentionScores attention) {
        List<LiveRecommender.Source> sources = List.of(
                new LiveRecommender.Source("transitions", Sources::transitions, w.transitions()),
                new LiveRecommender.Source("personal", Sources::personal, w.personal()),
                new LiveRecommender.Source("same-artist", Sources::sameArtist, w.sameArtist()),
                new LiveRecommender.Source("trending", Sources::trending, w.trending()));
        return new LiveRecommender(name, sources, attention,
                attention == null ? null : attention.topCandidates(CANDIDATES_PER_SOURCE), w.model(), CANDIDATES_PER_SOURCE);
    }
}
