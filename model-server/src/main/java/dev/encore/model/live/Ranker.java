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
 *
 * <p>With a {@code diversity} above 0 the list is filled greedily, maximal-marginal-relevance style: each next
 * item is the one whose score, less {@code diversity} times the best candidate's score for every track of its
 * artist already in the list, is highest; so a second track of an artist must beat the best other artist's
 * track by that margin, a third by twice it. A soft form of the artist cap; 0 ranks by score alone.
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
    private final float diversity;

    /** A ranker by score alone (no diversity term). */
    public Ranker(RankingWeights weights, int k, int artistCap) {
        this(weights, k, artistCap, 0f);
    }

    public Ranker(RankingWeights weights, int k, int artistCap, float diversity) {
        if (!(diversity >= 0)) {
            throw new IllegalArgumentException("diversity must be 0 or more, was " + diversity);
        }
        this.weights = weights;
        this.k = k;
        this.artistCap = artistCap;
        this.diversity = diversity;
    }

    /** The ranker of {@code settings} (list length, artist cap, diversity) with {@code weights}. */
    public static Ranker of(LiveSettings settings, RankingWeights weights) {
        return new Ranker(weights, settings.topK(), settings.artistCap(), settings.diversity());
    }

    /** The same ranking with other blend weights (those of another model version). */
    public Ranker withWeights(RankingWeights other) {
        return other.equals(weights) ? this : new Ranker(other, k, artistCap, diversity);
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
        boolean[] taken = new boolean[n];
        float penalty = n == 0 ? 0 : diversity * total[order[0]];
        while (items.size() < k) {
            int pick = -1;
            float pickScore = Float.NEGATIVE_INFINITY;
            for (int i : order) {
                if (strongest[i] == null || total[i] <= pickScore) {
                    break; // the rest score no more than the pick (or have no weighted evidence: never shown)
                }
                String artist = candidates[i].artistId();
                int already = taken[i] || artist.isEmpty() ? 0 : perArtist.getOrDefault(artist, 0);
                if (taken[i] || already >= artistCap) {
                    continue;
                }
                float adjusted = total[i] - penalty * already;
                if (adjusted > pickScore) {
                    pickScore = adjusted;
                    pick = i;
                }
            }
            if (pick < 0) {
                break;
            }
            taken[pick] = true;
            if (!candidates[pick].artistId().isEmpty()) {
                perArtist.merge(candidates[pick].artistId(), 1, Integer::sum);
            }
            items.add(new RankedItem(candidates[pick].trackId(), candidates[pick].artistId(), total[pick], items.size() + 1,
                    strongest[pick], strongest[pick].reason(candidates[pick], justPlayed), false));
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
