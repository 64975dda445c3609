package dev.encore.model.live;

import dev.encore.model.methods.RankingWeights;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The final ranking, the one the job emits and the evaluation scores. Each candidate's {@link RankingFeatures} go
 * through the learned {@link RankingNet} of {@link RankingWeights} (the one learned with the model's scores when the
 * list has them, the one learned without otherwise); its score is its probability under the net's softmax relative to
 * the best candidate's, {@code exp(s - max s)}, in (0, 1]. Then the top {@code k} by score (ties by track id), at most
 * {@code artistCap} per artist. Each item is labelled with the source whose scaled evidence for it is highest (for
 * the model, its relative probability): the reason a listener reads and the arm that exploration credits.
 *
 * <p>With a {@code diversity} above 0 the list is filled greedily, maximal-marginal-relevance style: each next
 * item is the one whose score, less {@code diversity} for every track of its artist already in the list, is
 * highest; so a second track of an artist must beat the best other artist's track by that margin (the best score
 * being 1), a third by twice it. A soft form of the artist cap; 0 ranks by score alone.
 */
public final class Ranker implements Serializable {
    private static final Source[] SOURCES = Source.values();
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

    /** The same ranking with other learned weights (those of another model version). */
    public Ranker withWeights(RankingWeights other) {
        return other.equals(weights) ? this : new Ranker(other, k, artistCap, diversity);
    }

    /**
     * @param logits one per candidate (NaN for a track the model does not know), or null when the list is made
     *               without the model
     * @param historyArtists the artist of each of the listener's remembered events (empty for a new listener)
     * @param justPlayed the track whose event asked for the list, for the reasons
     */
    public RankedItem[] rank(Candidate[] candidates, float[] logits, String[] historyArtists, String justPlayed) {
        int n = candidates.length;
        float[][] features = RankingFeatures.of(candidates, logits, historyArtists);
        RankingNet net = weights.net(logits != null);
        float[] score = new float[n];
        float best = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            score[i] = net.score(features[i]);
            best = Math.max(best, score[i]);
        }
        for (int i = 0; i < n; i++) {
            score[i] = (float) Math.exp(score[i] - best);
        }
        String[] trackIds = new String[n];
        for (int i = 0; i < n; i++) {
            trackIds[i] = candidates[i].trackId();
        }
        int[] order = HeaviestFirst.order(score, trackIds, n);
        Map<String, Integer> perArtist = new HashMap<>();
        List<RankedItem> items = new ArrayList<>(k);
        boolean[] taken = new boolean[n];
        int first = 0; // order[first] is the best candidate that may still be picked: those above are taken or capped for good
        while (items.size() < k) {
            int pick = -1;
            float pickScore = Float.NEGATIVE_INFINITY;
            for (int p = first; p < n; p++) {
                int i = order[p];
                if (score[i] <= pickScore) {
                    break; // the rest score no more than the pick
                }
                String artist = candidates[i].artistId();
                int already = taken[i] || artist.isEmpty() ? 0 : perArtist.getOrDefault(artist, 0);
                if (taken[i] || already >= artistCap) {
                    if (p == first) {
                        first++; // an artist's count never falls, so a capped candidate stays capped
                    }
                    continue;
                }
                float adjusted = score[i] - diversity * already;
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
            Source source = strongest(features[pick]);
            items.add(new RankedItem(candidates[pick].trackId(), candidates[pick].artistId(), score[pick], items.size() + 1,
                    source, source.reason(candidates[pick], justPlayed), false));
        }
        return items.toArray(RankedItem[]::new);
    }

    /** The source with the highest scaled evidence (ties to the first in {@link Source} order). */
    private static Source strongest(float[] features) {
        Source strongest = null;
        float best = Float.NEGATIVE_INFINITY;
        for (Source source : SOURCES) {
            float value = features[RankingFeatures.scaledColumn(source)];
            if (value > best) {
                best = value;
                strongest = source;
            }
        }
        return strongest;
    }
}
