package dev.encore.stream.trending;

/** The most played tracks of the window ending at {@code windowEnd}, most played first. */
public record TrendingSnapshot(long windowEnd, String[] tracks, String[] artists, float[] counts) {
    public static final TrendingSnapshot NONE = new TrendingSnapshot(Long.MIN_VALUE, new String[0], new String[0], new float[0]);
}
