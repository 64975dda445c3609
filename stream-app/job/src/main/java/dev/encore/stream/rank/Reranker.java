package dev.encore.stream.rank;

import dev.encore.model.methods.RankingWeights;
import dev.encore.stream.recommend.Candidate;
import dev.encore.stream.recommend.Signal;
import dev.encore.stream.scoring.ScoredSet;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The final ranking, the same blend as the offline live recommender: each source's evidence scaled to a maximum
 * of 1 over the candidates, weighted by the weights tuned with the model; the model's term is its probability
 * relative to the best candidate's ({@code exp(logit - max logit)}, the ratio of softmax probabilities). Then
 * the top {@code k}, at most {@code artistCap} per artist (tracks of unknown artist are not capped).
 */
public final class Reranker implements Serializable {
    private final RankingWeights weights;
    private final int k;
    private final int artistCap;

    public Reranker(RankingWeights weights, int k, int artistCap) {
        this.weights = weights;
        this.k = k;
        this.artistCap = artistCap;
    }

    public RankedItem[] rank(ScoredSet scored) {
        Candidate[] candidates = scored.set().candidates();
        int n = candidates.length;
        float[] maxima = new float[Signal.COUNT];
        for (Candidate c : candidates) {
            for (int s = 0; s < Signal.COUNT; s++) {
                maxima[s] = Math.max(maxima[s], c.signals()[s]);
            }
        }
        boolean useModel = !scored.degraded() && scored.modelScores().length == n && n > 0;
        float maxLogit = Float.NEGATIVE_INFINITY;
        if (useModel) {
            for (float v : scored.modelScores()) {
                maxLogit = Math.max(maxLogit, v);
            }
        }
        float[] total = new float[n];
        Signal[] strongest = new Signal[n];
        for (int i = 0; i < n; i++) {
            float best = -1;
            for (Signal signal : Signal.values()) {
                float contribution;
                if (signal == Signal.MODEL) {
                    contribution = useModel ? signal.weightIn(weights) * (float) Math.exp(scored.modelScores()[i] - maxLogit) : 0;
                } else {
                    contribution = maxima[signal.ordinal()] > 0
                            ? signal.weightIn(weights) * candidates[i].signals()[signal.ordinal()] / maxima[signal.ordinal()] : 0;
                }
                total[i] += contribution;
                // The source named is the one that proposed the track and weighs most in its score.
                boolean proposed = candidates[i].signals()[signal.ordinal()] > 0;
                if (proposed && contribution > best) {
                    best = contribution;
                    strongest[i] = signal;
                }
            }
            if (strongest[i] == null) {
                strongest[i] = Signal.MODEL;
            }
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -total[i]).thenComparing(i -> candidates[i].trackId()));
        Map<String, Integer> perArtist = new HashMap<>();
        List<RankedItem> items = new ArrayList<>(k);
        for (int i : order) {
            if (items.size() == k) {
                break;
            }
            String artist = candidates[i].artistId();
            if (!artist.isEmpty() && perArtist.merge(artist, 1, Integer::sum) > artistCap) {
                continue;
            }
            items.add(new RankedItem(candidates[i].trackId(), total[i], items.size() + 1, strongest[i].wire().name(),
                    reason(strongest[i], scored, candidates[i])));
        }
        return items.toArray(RankedItem[]::new);
    }

    private static String reason(Signal signal, ScoredSet scored, Candidate candidate) {
        return switch (signal) {
            case CO_LISTENING -> "often played around " + scored.set().triggerTrackId();
            case REPEAT -> "you played it " + Math.round(candidate.signals()[Signal.REPEAT.ordinal()]) + "x recently";
            case TRENDING -> "trending now";
            case CONTENT -> "sounds like " + scored.set().triggerTrackId();
            case MODEL -> "fits your recent listening";
        };
    }
}
