package dev.encore.stream.sequence;

import dev.encore.schema.EventType;

/**
 * One event that asks for new recommendations, with what the later stages need and cannot look up: the user's
 * sequence after the event (the model's input, oldest first), the tracks skipped in the current session, and
 * (filled in by the co-listening stage) the neighbours of the track just played.
 *
 * @param seq the user's event count after this event: consecutive per user, so that later stages can restore
 *            the user's order after the track-keyed stage and readers can check nothing was lost
 */
public record Trigger(String eventId, String userId, String trackId, String artistId, EventType type,
                      long eventTime, long ingestTime, long seq,
                      String[] historyTracks, String[] historyArtists, byte[] historyTypes, String[] skippedInSession,
                      String[] neighbourTracks, String[] neighbourArtists, float[] neighbourWeights) {

    public Trigger withNeighbours(String[] tracks, String[] artists, float[] weights) {
        return new Trigger(eventId, userId, trackId, artistId, type, eventTime, ingestTime, seq, historyTracks,
                historyArtists, historyTypes, skippedInSession, tracks, artists, weights);
    }
}
