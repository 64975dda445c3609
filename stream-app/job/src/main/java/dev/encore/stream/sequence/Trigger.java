package dev.encore.stream.sequence;

import dev.encore.model.live.Evidence;
import dev.encore.model.live.TrendingSnapshot;
import dev.encore.model.live.UserSequence;
import dev.encore.model.live.WeightedTracks;
import dev.encore.schema.EventType;
import dev.encore.stream.ingest.PlayEvent;

/**
 * One event that asks for new recommendations, with what the later stages need and cannot look up: the neighbours
 * of the track just played and its artist's most played tracks, filled in by the track- and artist-keyed stages on
 * the way. The user's history is not carried: the user-keyed candidate stage keeps its own from the triggers it
 * receives ({@code RecommendFunction}), so the history no longer crosses three shuffles with every event.
 *
 * @param seq          the user's event count after this event: consecutive per user, so that later stages can
 *                     restore the user's order after the track- and artist-keyed stages and readers can check
 *                     nothing was lost
 * @param fromList     the recommended list the player says the track came from; empty: none said
 * @param fromListRank the track's rank in that list; 0: none said
 */
public record Trigger(String eventId, String userId, String trackId, String artistId, EventType type,
                      long eventTime, long ingestTime, long seq,
                      String[] neighbourTracks, String[] neighbourArtists, float[] neighbourWeights,
                      String[] artistTracks, float[] artistTrackWeights, String fromList, int fromListRank) {
    private static final String[] NONE = new String[0];
    private static final float[] NO_WEIGHTS = new float[0];

    /** The trigger of {@code event}, the user's {@code seq}-th, before the keyed stages fill in their lists. */
    public static Trigger of(PlayEvent event, long seq) {
        return new Trigger(event.eventId(), event.userId(), event.trackId(), event.artistId(), event.type(),
                event.eventTime(), event.ingestTime(), seq, NONE, NONE, NO_WEIGHTS, NONE, NO_WEIGHTS, event.fromList(),
                event.fromListRank());
    }

    public Trigger withNeighbours(WeightedTracks neighbours) {
        return new Trigger(eventId, userId, trackId, artistId, type, eventTime, ingestTime, seq, neighbours.tracks(),
                neighbours.artists(), neighbours.weights(), artistTracks, artistTrackWeights, fromList, fromListRank);
    }

    public Trigger withArtistTracks(WeightedTracks tracks) {
        return new Trigger(eventId, userId, trackId, artistId, type, eventTime, ingestTime, seq, neighbourTracks,
                neighbourArtists, neighbourWeights, tracks.tracks(), tracks.weights(), fromList, fromListRank);
    }

    /** What the user's new list is made from: the user's {@code history} (with this event) and the trending snapshot in force. */
    public Evidence evidence(UserSequence history, long gapMillis, TrendingSnapshot trending) {
        String[] artists = new String[artistTracks.length];
        java.util.Arrays.fill(artists, artistId);
        return Evidence.of(trackId, history, gapMillis, new WeightedTracks(neighbourTracks, neighbourArtists, neighbourWeights),
                new WeightedTracks(artistTracks, artists, artistTrackWeights), trending);
    }
}
