package dev.encore.stream.trending;

/** How much one track was played in the sliding window that ends at {@code windowEnd}. */
public record TrackCount(String trackId, String artistId, long windowEnd, float count) {
}
