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
}
