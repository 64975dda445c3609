package dev.encore.model.live;

/**
 * One recommended track: its blended score, rank (1 is best), the source that weighed most in it, and why.
 * {@code explored}: placed by the exploration slot ({@link ExplorationSlot}) from {@code source}, not by the blend.
 */
public record RankedItem(String trackId, String artistId, float score, int rank, Source source, String reason, boolean explored) {
}
