package dev.encore.schemas.sdk;

import dev.encore.schema.EventType;
import dev.encore.schema.UserEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules every event must meet before it is sent, and again when the stream job reads it: ids present
 * and well formed, a known type, a time that is not absurd, no negative durations. One implementation
 * for the SDK and the job, so that what the SDK sends the job accepts.
 */
public final class EventValidator {
    /** Ids are opaque strings: 1-128 printable characters without whitespace. */
    private static final Pattern ID = Pattern.compile("[\\p{Graph}&&[^\\s]]{1,128}");
    /** Before Last.fm and streaming there were no such events; earlier times are clock or unit errors. */
    public static final Instant DEFAULT_EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(10);

    private final Clock clock;
    private final Instant earliest;
    private final Duration maxClockSkew;

    public EventValidator() {
        this(Clock.systemUTC(), DEFAULT_EARLIEST, DEFAULT_MAX_CLOCK_SKEW);
    }

    /** @param maxClockSkew how far in the future an event time may be (client clocks run fast) */
    public EventValidator(Clock clock, Instant earliest, Duration maxClockSkew) {
        this.clock = clock;
        this.earliest = earliest;
        this.maxClockSkew = maxClockSkew;
    }

    /** All broken rules; empty when the event is valid. */
    public List<EventViolation> violations(UserEvent event) {
        List<EventViolation> found = new ArrayList<>();
        if (!isUuid(event.getEventId())) {
            found.add(new EventViolation("eventId", "must be a UUID, was '" + event.getEventId() + "'"));
        }
        checkId(found, "userId", event.getUserId());
        checkId(found, "trackId", event.getTrackId());
        if (event.getArtistId() != null) {
            checkId(found, "artistId", event.getArtistId());
        }
        if (event.getType() == null || event.getType() == EventType.UNKNOWN) {
            found.add(new EventViolation("type", "must be one of PLAY, SKIP, LIKE, DISLIKE"));
        }
        Instant time = event.getEventTime();
        Instant latest = clock.instant().plus(maxClockSkew);
        if (time == null || time.isBefore(earliest) || time.isAfter(latest)) {
            found.add(new EventViolation("eventTime", "must lie between " + earliest + " and now + "
                    + maxClockSkew.toMinutes() + " min, was " + time));
        }
        if (event.getPlayedMs() < 0) {
            found.add(new EventViolation("playedMs", "must not be negative, was " + event.getPlayedMs()));
        }
        Long duration = event.getTrackDurationMs();
        if (duration != null && duration <= 0) {
            found.add(new EventViolation("trackDurationMs", "must be positive when present, was " + duration));
        }
        Integer position = event.getContext() == null ? null : event.getContext().getPosition();
        if (position != null && position < 1) {
            found.add(new EventViolation("context.position", "must be the track's rank in the list, 1 or more, was " + position));
        }
        if (position != null && event.getContext().getRecommendationId() == null) {
            found.add(new EventViolation("context.position", "needs context.recommendationId: the list the rank is in"));
        }
        return found;
    }

    /** @throws InvalidEventException naming every broken rule */
    public void validate(UserEvent event) {
        List<EventViolation> found = violations(event);
        if (!found.isEmpty()) {
            throw new InvalidEventException(found);
        }
    }

    private static void checkId(List<EventViolation> found, String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            found.add(new EventViolation(field, "must be 1-128 characters without spaces, was '" + value + "'"));
        }
    }

    private static boolean isUuid(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
