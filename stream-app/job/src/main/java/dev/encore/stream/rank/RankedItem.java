package dev.encore.stream.rank;

/** One recommended track: its blended score, rank (1 is best), the source that contributed most, and why. */
public record RankedItem(String trackId, float score, int rank, String source, String reason) {
}
