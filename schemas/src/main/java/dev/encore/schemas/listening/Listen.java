package dev.encore.schemas.listening;

import dev.encore.schema.EventType;
import dev.encore.schema.PlayContext;
import dev.encore.schema.PlaySource;
import dev.encore.schema.UserEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of a listening log turned into what a player would have sent: its type, how long it played, and
 * the time the event is sent (when the play ended).
 *
 * @param position index of the row within its session, in time order
 */
public record Listen(ListenRow row, int position, EventType type, long playedMs, Instant eventTime) {

    /**
     * The event, with an id derived from the session and position, so that replaying the same log twice
     * sends the same ids and consumers can de-duplicate.
     */
    public UserEvent toUserEvent() {
        String key = "30music/" + row.sessionId() + "/" + position;
        return UserEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString())
                .setUserId(row.userId())
                .setTrackId(row.trackId())
                .setArtistId(row.artistId())
                .setType(type)
                .setEventTime(eventTime)
                .setPlayedMs(playedMs)
                // 30Music was collected from Last.fm radio stations.
                .setContext(PlayContext.newBuilder().setSource(PlaySource.RADIO).build())
                .build();
    }
}
