package dev.encore.view;

import dev.encore.schema.UserEvent;

/** One event of a user's recent history as the view shows it: what they did with which track, when. */
public record RecentEvent(String eventId, String type, String trackId, String artistId, String eventTime, long playedMs,
                          String recommendationId) {

    static RecentEvent of(UserEvent event) {
        return new RecentEvent(event.getEventId(), event.getType().name(), event.getTrackId(), event.getArtistId(),
                event.getEventTime().toString(), event.getPlayedMs(), event.getContext().getRecommendationId());
    }
}
