package dev.encore.model.live;

/** The most played tracks of the window ending at {@code windowEnd}, most played first. */
public record TrendingSnapshot(long windowEnd, String[] tracks, String[] artists, float[] counts) {
    public static final TrendingSnapshot NONE = new TrendingSnapshot(Long.MIN_VALUE, new String[0], new String[0], new float[0]);

    /** One track's weighted plays in a window. */
    public record Count(String trackId, String artistId, float count) {
    }

    /** The window's {@code size} most played tracks, most played first (ties by track id). */
    public static TrendingSnapshot top(long windowEnd, java.util.List<Count> counts, int size) {
        java.util.List<Count> all = new java.util.ArrayList<>(counts);
        all.sort(java.util.Comparator.comparingDouble((Count c) -> -c.count()).thenComparing(Count::trackId));
        int n = Math.min(size, all.size());
        String[] tracks = new String[n];
        String[] artists = new String[n];
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            tracks[i] = all.get(i).trackId();
            artists[i] = all.get(i).artistId();
            values[i] = all.get(i).count();
        }
        return new TrendingSnapshot(windowEnd, tracks, artists, values);
    }
}
