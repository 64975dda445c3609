package dev.encore.model.live;

import dev.encore.schemas.Attribution;
import java.util.List;

/**
 * How one next event scores against the list in force when it arrived: the metrics of the offline evaluation
 * ({@code Evaluator}) and of the job's live-quality counters, so the two figures mean the same.
 */
public final class ListScore {
    /** The cut-off of every list metric: what attribution counts as shown. */
    public static final int K = Attribution.TOP;

    private ListScore() {
    }

    /** 1-based position of {@code track} in the first {@link #K} of {@code list}, 0 when it is not there. */
    public static int rankOf(List<String> list, String track) {
        return Attribution.rankOf(list, track);
    }

    /** NDCG@K of one prediction with a single relevant track at {@code rank} (0: missed). */
    public static double ndcg(int rank) {
        return rank >= 1 && rank <= K ? 1 / (Math.log(rank + 1) / Math.log(2)) : 0;
    }
}
