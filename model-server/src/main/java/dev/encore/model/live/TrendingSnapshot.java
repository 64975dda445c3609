package dev.encore.model.live;

import java.util.List;

/** The most played tracks of the window ending at {@code windowEnd}, most played first. */
public record TrendingSnapshot(long windowEnd, String[] tracks, String[] artists, float[] counts) {
    public static final TrendingSnapshot NONE = new TrendingSnapshot(Long.MIN_VALUE, new String[0], new String[0], new float[0]);

    /** One track's weighted plays in a window. */
    public record Count(String trackId, String artistId, float count) {
    }

    /** The window's {@code size} most played tracks, most played first (ties by track id). */
    public static TrendingSnapshot top(long windowEnd, List<Count> counts, int size) {
        float[] weights = new float[counts.size()];
        String[] ids = new String[counts.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = counts.get(i).count();
            ids[i] = counts.get(i).trackId();
        }
        int[] order = HeaviestFirst.order(weights, ids, size);
        String[] tracks = new String[order.length];
        String[] artists = new String[order.length];
        float[] values = new float[order.length];
        for (int i = 0; i < order.length; i++) {
            Count count = counts.get(order[i]);
            tracks[i] = count.trackId();
            artists[i] = count.artistId();
            values[i] = count.count();
        }
        return new TrendingSnapshot(windowEnd, tracks, artists, values);
    }
}
