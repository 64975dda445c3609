package dev.encore.model.methods;

/** Selection helpers over score arrays. */
public final class TopK {
    private TopK() {
    }

    /**
     * The k-th largest positive value among the first {@code n} (the smallest value still in a top k), or
     * negative infinity when there are at most k positive values. Linear time (quickselect on a copy).
     */
    public static float kthLargestPositive(float[] values, int n, int k, float[] scratch) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (values[i] > 0) {
                scratch[m++] = values[i];
            }
        }
        if (m <= k) {
            return Float.NEGATIVE_INFINITY;
        }
        int target = m - k; // index of the k-th largest in ascending order
        int lo = 0;
        int hi = m - 1;
        while (lo < hi) {
            float pivot = scratch[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (scratch[i] < pivot) {
                    i++;
                }
                while (scratch[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float swap = scratch[i];
                    scratch[i++] = scratch[j];
                    scratch[j--] = swap;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return scratch[target];
    }
}
