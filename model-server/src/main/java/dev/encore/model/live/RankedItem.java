package dev.encore.model.live;

/** One recommended track: its blended score, rank (1 is best), the source that weighed most in it, and why. */
public record RankedItem(String trackId, String artistId, float score, int rank, Source source, String reason) {
}
