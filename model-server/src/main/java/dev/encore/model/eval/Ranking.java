package dev.encore.model.eval;

import dev.encore.model.online.Popularity;

/**
 * Full ranking over the catalogue with a fixed order: by score, then by popularity, then by index. It never
 * samples negatives, so figures match what a user would see.
 */
final class Ranking {
    private Ranking() {
    }

    /** 1-based rank of {@code target} among the first {@code n} tracks. */
    static int rankOf(float[] scores, int n, int target, Popularity popularity) {
        float s = scores[target];
        float p = popularity.count(target);
        int rank = 1;
        for (int i = 0; i < n; i++) {
            float si = scores[i];
            if (si > s || (si == s && i != target && before(popularity.count(i), i, p, target))) {
                rank++;
            }
        }
        return rank;
    }

    /** The k best track indexes, best first. */
    static int[] top(float[] scores, int n, int k, Popularity popularity) {
        int[] best = new int[Math.min(k, n)];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (size < best.length) {
                best[size++] = i;
                bubbleUp(best, size - 1, scores, popularity);
            } else if (better(scores, popularity, i, best[size - 1])) {
                best[size - 1] = i;
                bubbleUp(best, size - 1, scores, popularity);
            }
        }
        return best;
    }

    private static void bubbleUp(int[] best, int position, float[] scores, Popularity popularity) {
        for (int j = position; j > 0 && better(scores, popularity, best[j], best[j - 1]); j--) {
            int swap = best[j];
            best[j] = best[j - 1];
            best[j - 1] = swap;
        }
    }

    private static boolean better(float[] scores, Popularity popularity, int a, int b) {
        if (scores[a] != scores[b]) {
            return scores[a] > scores[b];
        }
        return before(popularity.count(a), a, popularity.count(b), b);
    }

    private static boolean before(float popularityA, int a, float popularityB, int b) {
        return popularityA != popularityB ? popularityA > popularityB : a < b;
    }
}
