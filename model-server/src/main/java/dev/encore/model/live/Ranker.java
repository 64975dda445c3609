package dev.encore.model.live;

import dev.encore.model.methods.RankingWeights;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The final ranking, the one the job emits and the evaluation scores: each source's evidence scaled to a maximum
 * of 1 over the candidates and weighted by the weights tuned with the model; the model's term is its probability
 * relative to the best candidate's ({@code exp(logit - max logit)}, the ratio of softmax probabilities; a track
 * it does not know gets none). An item with no weighted evidence is never shown: lists may be shorter than
 * {@code k}. Trending weighs at least {@link #COLD_START_TRENDING}, so that a listener with no evidence of their
 * own still gets what is trending now, ranked below what has. Then the top {@code k} by score (ties by track id),
 * at most {@code artistCap} per artist. Each item is labelled with the source that added most to its score.
 */
public final class Ranker implements Serializable {
    /**
     * The least weight of the trending source, whatever was tuned: small enough that any tuned evidence of the
     * listener's own (co-listening, repeats, the artist, the model) outweighs it in practice.
     */
    public static final float COLD_START_TRENDING = 1e-3f;

    private final RankingWeights weights;
    private final int k;
    private final int artistCap;

    public Ranker(RankingWeights weights, int k, int artistCap) {
        this.weights = weights;
        this.k = k;
        this.artistCap = artistCap;
    }

    /** The same ranking with other blend weights (those of another model version). */
    public Ranker withWeights(RankingWeights other) {
        return other.equals(weights) ? this : new Ranker(other, k, artistCap);
    }

    /**
     * @param logits one per candidate, or null when the list is made without the model
     * @param justPlayed the track whose event asked for the list, for the reasons
     */
    public RankedItem[] rank(Candidate[] candidates, float[] logits, String justPlayed) {
        int n = candidates.length;
        float[] maxima = new float[Source.COUNT];
        for (Candidate c : candidates) {
            for (int s = 0; s < Source.COUNT; s++) {
                maxima[s] = Math.max(maxima[s], c.evidence()[s]);
            }
        }
        float maxLogit = Float.NEGATIVE_INFINITY;
        if (logits != null) {
            for (float v : logits) {
                if (!Float.isNaN(v)) {
                    maxLogit = Math.max(maxLogit, v);
                }
            }
        }
        float[] total = new float[n];
        Source[] strongest = new Source[n];
        for (int i = 0; i < n; i++) {
            float best = 0;
            for (Source source : Source.values()) {
                float contribution = contribution(source, candidates[i], maxima, logits == null ? Float.NaN : logits[i], maxLogit);
                total[i] += contribution;
                if (contribution > best) {
                    best = contribution;
                    strongest[i] = source;
                }
            }
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -total[i]).thenComparing(i -> candidates[i].trackId()));
        Map<String, Integer> perArtist = new HashMap<>();
        List<RankedItem> items = new ArrayList<>(k);
        for (int i : order) {
            if (items.size() == k || strongest[i] == null) {
                break; // the rest have no weighted evidence: filler is never shown
            }
            String artist = candidates[i].artistId();
            if (!artist.isEmpty() && perArtist.merge(artist, 1, Integer::sum) > artistCap) {
                continue;
            }
            items.add(new RankedItem(candidates[i].trackId(), artist, total[i], items.size() + 1, strongest[i],
                    strongest[i].reason(candidates[i], justPlayed)));
        }
        return items.toArray(RankedItem[]::new);
    }

    private float contribution(Source source, Candidate candidate, float[] maxima, float logit, float maxLogit) {
        float weight = source == Source.TRENDING ? Math.max(COLD_START_TRENDING, source.weightIn(weights)) : source.weightIn(weights);
        if (weight <= 0) {
            return 0;
        }
        if (source == Source.MODEL) {
            return Float.isNaN(logit) ? 0 : weight * (float) Math.exp(logit - maxLogit);
        }
        float max = maxima[source.ordinal()];
        return max > 0 ? weight * candidate.evidence(source) / max : 0;
    }
}
