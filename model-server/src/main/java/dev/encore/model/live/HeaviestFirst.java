package dev.encore.model.live;

import java.util.Arrays;

/**
 * The order of every "top n" in the live recommender: heaviest first, ties by id (so a list never depends on the
 * order its evidence arrived in). Sorted as primitive {@code (weight, index)} keys, with only the runs of equal
 * weight then ordered by id: sorting boxed indexes through a comparator cost more than the work around it
 * (co-listening and artist lists, the repeats source and the final ranking; JFR, docs/decisions/0030).
 */
final class HeaviestFirst {
    private HeaviestFirst() {
    }

    /** The indexes of the {@code limit} heaviest of {@code weights}, heaviest first, ties by {@code ids}; NaN last. */
    static int[] order(float[] weights, String[] ids, int limit) {
        int n = weights.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(weights[i], i);
        }
        Arrays.sort(keys);
        int size = Math.min(limit, n);
        int[] order = new int[size];
        for (int start = 0; start < size; ) {
            int end = start + 1;
            while (end < n && (keys[end] >>> 32) == (keys[start] >>> 32)) {
                end++;
            }
            int runEnd = Math.min(end, size);
            if (end - start == 1) {
                order[start] = (int) keys[start];
            } else {
                int[] tied = new int[end - start];
                for (int j = start; j < end; j++) {
                    tied[j - start] = (int) keys[j];
                }
                byId(tied, ids);
                System.arraycopy(tied, 0, order, start, runEnd - start);
            }
            start = runEnd;
        }
        return order;
    }

    /**
     * Sorts indexes by their ids. Ties of the repeats source are most of its tracks (each played once), so a run is
     * sorted in place by binary insertion rather than boxed for a comparator; a long run (a trending window's tail)
     * goes through the library sort, since insertion moves grow with the square of its length.
     */
    private static void byId(int[] indexes, String[] ids) {
        if (indexes.length > 64) {
            Integer[] boxed = new Integer[indexes.length];
            for (int j = 0; j < indexes.length; j++) {
                boxed[j] = indexes[j];
            }
            Arrays.sort(boxed, (a, b) -> ids[a].compareTo(ids[b]));
            for (int j = 0; j < indexes.length; j++) {
                indexes[j] = boxed[j];
            }
            return;
        }
        for (int j = 1; j < indexes.length; j++) {
            int moving = indexes[j];
            String id = ids[moving];
            int low = 0;
            int high = j;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (ids[indexes[middle]].compareTo(id) <= 0) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            System.arraycopy(indexes, low, indexes, low + 1, j - low);
            indexes[low] = moving;
        }
    }

    /** A key that sorts ascending as {@code value} descends, ties by {@code index} ascending; NaN after every number. */
    static long key(float value, int index) {
        return ((long) descending(value) << 32) | index;
    }

    private static int descending(float value) {
        if (Float.isNaN(value)) {
            return Integer.MAX_VALUE;
        }
        int bits = Float.floatToIntBits(value);
        int ascending = bits >= 0 ? bits : bits ^ 0x7fffffff; // negative floats order backwards as ints
        return -ascending - 1; // ascending is never Integer.MIN_VALUE here: only a NaN has those bits
    }
}
