package dev.encore.stream.sequence;

import dev.encore.model.live.Evidence;
import dev.encore.model.live.TrendingSnapshot;
import dev.encore.model.live.WeightedTracks;
import dev.encore.schema.EventType;

/**
 * One event that asks for new recommendations, with what the later stages need and cannot look up: the user's
 * sequence after the event (the model's input, oldest first), the tracks skipped in the current session, and
 * (filled in by the keyed stages on the way) the neighbours of the track just played and its artist's most
 * played tracks.
 *
 * @param seq          the user's event count after this event: consecutive per user, so that later stages can
 *                     restore the user's order after the track- and artist-keyed stages and readers can check
 *                     nothing was lost
 * @param fromList     the recommended list the player says the track came from; empty: none said
 * @param fromListRank the track's rank in that list; 0: none said
 */
public record Trigger(String eventId, String userId, String trackId, String artistId, EventType type,
                      long eventTime, long ingestTime, long seq,
                      String[] historyTracks, String[] historyArtists, byte[] historyTypes, String[] skippedInSession,
                      String[] neighbourTracks, String[] neighbourArtists, float[] neighbourWeights,
                      String[] artistTracks, float[] artistTrackWeights, String fromList, int fromListRank) {

    public Trigger withNeighbours(WeightedTracks neighbours) {
        return new Trigger(eventId, userId, trackId, artistId, type, eventTime, ingestTime, seq, historyTracks,
                historyArtists, historyTypes, skippedInSession, neighbours.tracks(), neighbours.artists(),
                neighbours.weights(), artistTracks, artistTrackWeights, fromList, fromListRank);
    }

    public Trigger withArtistTracks(WeightedTracks tracks) {
        return new Trigger(eventId, userId, trackId, artistId, type, eventTime, ingestTime, seq, historyTracks,
                historyArtists, historyTypes, skippedInSession, neighbourTracks, neighbourArtists, neighbourWeights,
                tracks.tracks(), tracks.weights(), fromList, fromListRank);
    }

    /** What the user's new list is made from, with the trending snapshot in force. */
    public Evidence evidence(TrendingSnapshot trending) {
        String[] artists = new String[artistTracks.length];
        java.util.Arrays.fill(artists, artistId);
        return new Evidence(trackId, historyTracks, historyArtists, historyTypes, skippedInSession,
                new WeightedTracks(neighbourTracks, neighbourArtists, neighbourWeights),
                new WeightedTracks(artistTracks, artists, artistTrackWeights), trending);
    }
}
