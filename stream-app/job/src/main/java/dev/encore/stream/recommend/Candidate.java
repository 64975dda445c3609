package dev.encore.stream.recommend;

/**
 * One track proposed for a user, with every source's raw evidence for it ({@code signals}, indexed by
 * {@link Signal#ordinal()}; 0 where a source did not propose it). {@code artistId} is empty when unknown.
 */
public record Candidate(String trackId, String artistId, float[] signals) {
}
