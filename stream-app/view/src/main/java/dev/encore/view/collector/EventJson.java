package dev.encore.view.collector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.schema.ClientInfo;
import dev.encore.schema.EventType;
import dev.encore.schema.PlayContext;
import dev.encore.schema.PlaySource;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.sdk.EventViolation;
import dev.encore.schemas.sdk.InvalidEventException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A {@link UserEvent} as players without a JVM send it: a JSON object with the Avro record's field names,
 * {@code eventTime} as an ISO-8601 instant or epoch milliseconds, enums by symbol. Strict: a field the schema
 * does not have, or one of the wrong JSON type, is named in the error, so that a typo in a client is found at once
 * rather than silently dropped. The event's own rules (ids, times, durations) are {@code EventValidator}'s.
 */
public final class EventJson {
    private static final Set<String> FIELDS = Set.of("eventId", "userId", "trackId", "artistId", "type", "eventTime",
            "playedMs", "trackDurationMs", "context", "client");
    private static final Set<String> CONTEXT_FIELDS = Set.of("source", "recommendationId", "position");
    private static final Set<String> CLIENT_FIELDS = Set.of("platform", "version");

    private EventJson() {
    }

    /** @throws InvalidEventException naming every field that is missing, unknown or of the wrong type */
    public static UserEvent parse(JsonNode json) {
        List<EventViolation> found = new ArrayList<>();
        if (json == null || !json.isObject()) {
            throw new InvalidEventException(List.of(new EventViolation("body", "must be a JSON object")));
        }
        unknownFields(json, FIELDS, "", found);
        UserEvent.Builder event = UserEvent.newBuilder()
                .setEventId(text(json, "eventId", true, found))
                .setUserId(text(json, "userId", true, found))
                .setTrackId(text(json, "trackId", true, found))
                .setArtistId(text(json, "artistId", false, found))
                .setType(type(json, found))
                .setEventTime(time(json, found))
                .setPlayedMs(number(json, "playedMs", found, 0L))
                .setTrackDurationMs(number(json, "trackDurationMs", found, null))
                .setContext(context(json.get("context"), found))
                .setClient(client(json.get("client"), found));
        if (!found.isEmpty()) {
            throw new InvalidEventException(found);
        }
        return event.build();
    }

    private static void unknownFields(JsonNode object, Set<String> known, String prefix, List<EventViolation> found) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                found.add(new EventViolation(prefix + name, "is not a field of UserEvent (fields: " + String.join(", ",
                        known.stream().sorted().toList()) + ")"));
            }
        }
    }

    private static String text(JsonNode object, String field, boolean required, List<EventViolation> found) {
        return text(object, "", field, required, found);
    }

    /** @param prefix how the field's object is named in errors ({@code "context."}, or empty at the top) */
    private static String text(JsonNode object, String prefix, String field, boolean required, List<EventViolation> found) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                found.add(new EventViolation(prefix + field, "is required"));
                return "";
            }
            return null;
        }
        if (!value.isTextual()) {
            found.add(new EventViolation(prefix + field, "must be a string, was " + value));
            return "";
        }
        return value.asText();
    }

    private static EventType type(JsonNode json, List<EventViolation> found) {
        String symbol = text(json, "type", true, found);
        List<String> allowed = Arrays.stream(EventType.values()).filter(t -> t != EventType.UNKNOWN).map(Enum::name).toList();
        if (symbol.isEmpty() && json.get("type") != null && !json.get("type").isTextual()) {
            return EventType.UNKNOWN;
        }
        if (!allowed.contains(symbol)) {
            if (!symbol.isEmpty()) {
                found.add(new EventViolation("type", "must be one of " + String.join(", ", allowed) + ", was '" + symbol + "'"));
            }
            return EventType.UNKNOWN;
        }
        return EventType.valueOf(symbol);
    }

    private static Instant time(JsonNode json, List<EventViolation> found) {
        JsonNode value = json.get("eventTime");
        if (value == null || value.isNull()) {
            found.add(new EventViolation("eventTime", "is required (an ISO-8601 instant such as 2026-12-04T10:15:30Z, or epoch ms)"));
            return Instant.EPOCH;
        }
        if (value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        if (value.isTextual()) {
            try {
                return Instant.parse(value.asText());
            } catch (DateTimeParseException e) {
                // Falls through to the violation below.
            }
        }
        found.add(new EventViolation("eventTime", "must be an ISO-8601 instant such as 2026-12-04T10:15:30Z, or epoch ms, was " + value));
        return Instant.EPOCH;
    }

    private static Long number(JsonNode json, String field, List<EventViolation> found, Long absent) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            found.add(new EventViolation(field, "must be a whole number of milliseconds, was " + value));
            return absent == null ? null : 0L;
        }
        return value.asLong();
    }

    private static PlayContext context(JsonNode value, List<EventViolation> found) {
        PlayContext.Builder context = PlayContext.newBuilder().setSource(PlaySource.OTHER).setRecommendationId(null);
        if (value == null || value.isNull()) {
            return context.build();
        }
        if (!value.isObject()) {
            found.add(new EventViolation("context", "must be an object {source, recommendationId, position}"));
            return context.build();
        }
        unknownFields(value, CONTEXT_FIELDS, "context.", found);
        String source = text(value, "context.", "source", false, found);
        if (source != null && !source.isEmpty()) {
            try {
                context.setSource(PlaySource.valueOf(source));
            } catch (IllegalArgumentException e) {
                found.add(new EventViolation("context.source", "must be one of " + Arrays.toString(PlaySource.values()) + ", was '" + source + "'"));
            }
        }
        JsonNode position = value.get("position");
        if (position != null && !position.isNull()) {
            if (position.canConvertToInt() && position.isIntegralNumber()) {
                context.setPosition(position.intValue());
            } else {
                found.add(new EventViolation("context.position", "must be a whole number (the track's rank in the list), was " + position));
            }
        }
        return context.setRecommendationId(text(value, "context.", "recommendationId", false, found)).build();
    }

    private static ClientInfo client(JsonNode value, List<EventViolation> found) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            found.add(new EventViolation("client", "must be an object {platform, version}"));
            return null;
        }
        unknownFields(value, CLIENT_FIELDS, "client.", found);
        String platform = text(value, "client.", "platform", true, found);
        String version = text(value, "client.", "version", true, found);
        return ClientInfo.newBuilder().setPlatform(platform).setVersion(version).build();
    }
}
