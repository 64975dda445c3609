package dev.encore.model.data;

import dev.encore.schema.EventType;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.listening.Listen;
import java.time.Instant;

/**
 * One event of a user with a track, the form every learner and evaluator reads. {@code time} is the event
 * time (when the play ended), the order in which the live pipeline sees events.
 */
public record Interaction(String userId, String sessionId, String trackId, String artistId, EventType type,
                          Instant time) {

    public static Interaction of(Listen listen) {
        return new Interaction(listen.row().userId(), listen.row().sessionId(), listen.row().trackId(),
                listen.row().artistId(), listen.type(), listen.eventTime());
    }

    /** Events carry no session id: sessions of live events are cut by {@link SessionCutter}. */
    public static Interaction of(UserEvent event, String sessionId) {
        return new Interaction(event.getUserId(), sessionId, event.getTrackId(),
                event.getArtistId() == null ? "" : event.getArtistId(), event.getType(), event.getEventTime());
    }

    public boolean isPlayOrSkip() {
        return type == EventType.PLAY || type == EventType.SKIP;
    }
}
