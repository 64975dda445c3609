package dev.encore.model.live;

/**
 * One track proposed for a user, with every source's raw evidence for it ({@code evidence}, indexed by
 * {@link Source#ordinal()}; 0 where a source did not propose it). {@code artistId} is empty when unknown.
 */
public record Candidate(String trackId, String artistId, float[] evidence) {
    public float evidence(Source source) {
        return evidence[source.ordinal()];
    }
}
