package dev.encore.schemas.sdk;

import dev.encore.schema.EventType;
import dev.encore.schema.PlayContext;
import dev.encore.schema.PlaySource;
import dev.encore.schema.UserEvent;
import java.time.Instant;
import java.util.UUID;

/** Starting points for the events a player sends, with a fresh event id and the fields every event needs. */
public final class PlayerEvents {
    private PlayerEvents() {
    }

    /** A builder with a random event id, the given user, track, type and time, and an OTHER context. */
    public static UserEvent.Builder event(EventType type, String userId, String trackId, Instant time) {
        return UserEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setUserId(userId)
                .setTrackId(trackId)
                .setType(type)
                .setEventTime(time)
                .setPlayedMs(0)
                .setContext(PlayContext.newBuilder().setSource(PlaySource.OTHER).build());
    }

    /** A finished play (sent when the play ends) of {@code playedMs}. */
    public static UserEvent.Builder play(String userId, String trackId, Instant endedAt, long playedMs) {
        return event(EventType.PLAY, userId, trackId, endedAt).setPlayedMs(playedMs);
    }

    /** A skip after {@code playedMs}. */
    public static UserEvent.Builder skip(String userId, String trackId, Instant at, long playedMs) {
        return event(EventType.SKIP, userId, trackId, at).setPlayedMs(playedMs);
    }

    public static UserEvent.Builder like(String userId, String trackId, Instant at) {
        return event(EventType.LIKE, userId, trackId, at);
    }

    /**
     * Marks {@code event} as started from a recommended list: the list's id and the track's rank in it (1 is the
     * first), so the job attributes the play, skip or like to the list and its model version and experiment arm.
     */
    public static UserEvent.Builder fromList(UserEvent.Builder event, String recommendationId, int rank) {
        if (rank < 1) {
            throw new IllegalArgumentException("rank " + rank + ": ranks start at 1 (the list's first track)");
        }
        return event.setContext(PlayContext.newBuilder().setSource(PlaySource.RECOMMENDATION)
                .setRecommendationId(recommendationId).setPosition(rank).build());
    }
}
