package dev.encore.model.eval;

import dev.encore.model.live.ListScore;
import java.util.BitSet;

/** Sums one method's ranking metrics over predictions. */
final class MetricsAccumulator {
    static final int K = ListScore.K;

    private long predictions;
    private double hits;
    private double ndcg;
    private double mrr;
    private double artistHits;
    private double novelty;
    private long recommended;
    private double artistDiversity;
    private long lists;
    private final BitSet distinct = new BitSet();

    /**
     * @param rank            1-based rank of the target, or 0 when the target cannot be ranked (unknown track)
     * @param distinctArtists how many artists the known tracks of {@code top} are by
     */
    void add(int rank, boolean artistHit, int[] top, double[] selfInformation, int distinctArtists) {
        predictions++;
        if (rank >= 1 && rank <= K) {
            hits++;
            ndcg += ListScore.ndcg(rank);
            mrr += 1.0 / rank;
        }
        if (artistHit) {
            artistHits++;
        }
        if (top.length > 0) {
            artistDiversity += (double) distinctArtists / top.length;
            lists++;
        }
        for (int i = 0; i < top.length; i++) {
            distinct.set(top[i]);
            novelty += selfInformation[i];
            recommended++;
        }
    }

    MethodMetrics result(int catalogueSize) {
        double n = Math.max(1, predictions);
        return new MethodMetrics(hits / n, ndcg / n, mrr / n, distinct.cardinality() / (double) Math.max(1, catalogueSize),
                novelty / Math.max(1, recommended), artistHits / n, artistDiversity / Math.max(1, lists), predictions);
    }
}
