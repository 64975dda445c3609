package dev.encore.stream.scoring;

import dev.encore.model.live.ModelPass;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.scoring.Scorer;
import dev.encore.stream.recommend.CandidateSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

/**
 * What the job asks the model for a batch of candidate sets, through the one {@link Scorer} interface whatever
 * runs it: a score for every candidate and the model's own top tracks for each user, in one model pass where the
 * scorer can, applied by the shared {@link ModelPass} (as the offline evaluation applies it).
 */
public final class ModelCalls {
    private ModelCalls() {
    }

    /**
     * Scores each set, in order; up to {@code topK} of the model's own tracks are added to each set, which carries
     * the ranking weights of the version that scored it ({@code weightsOf} that version, asked once the scores are in).
     */
    public static List<ScoredSet> score(Scorer scorer, Function<String, RankingWeights> weightsOf, List<CandidateSet> sets,
                                        int topK) {
        List<Scorer.Request> requests = new ArrayList<>(sets.size());
        for (CandidateSet set : sets) {
            requests.add(ModelPass.request(set.historyTracks(), set.historyArtists(), set.historyTypes(), set.candidates()));
        }
        List<Scorer.Ranked> ranked = scorer.scoreAndTop(requests, topK);
        String version = scorer.modelVersion();
        RankingWeights weights = weightsOf.apply(version);
        List<ScoredSet> result = new ArrayList<>(sets.size());
        for (int i = 0; i < sets.size(); i++) {
            CandidateSet set = sets.get(i);
            ModelPass.Scored scored = ModelPass.apply(set.candidates(), ranked.get(i), new HashSet<>(Arrays.asList(set.excluded())));
            result.add(ScoredSet.scored(set.withCandidates(scored.candidates()), scored.logits(), version, weights));
        }
        return result;
    }
}
