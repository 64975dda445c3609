package dev.encore.view.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.schema.EventType;
import dev.encore.schema.PlaySource;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.sdk.EventViolation;
import dev.encore.schemas.sdk.InvalidEventException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "0b5f9c1e-3a1d-4c55-9a57-2f1a4e0c9d11";

    private static UserEvent parse(String json) throws Exception {
        return EventJson.parse(JSON.readTree(json));
    }

    private static List<String> badFields(String json) {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> parse(json));
        return e.violations().stream().map(EventViolation::field).toList();
    }

    @Test
    void aFullEventBecomesTheAvroRecord() throws Exception {
        UserEvent event = parse("""
                {"eventId": "%s", "userId": "u1", "trackId": "t9", "artistId": "a3", "type": "SKIP",
                 "eventTime": "2026-12-04T10:15:30Z", "playedMs": 4200, "trackDurationMs": 201000,
                 "context": {"source": "RECOMMENDATION", "recommendationId": "r-7"},
                 "client": {"platform": "web", "version": "2.1"}}""".formatted(ID));
        assertEquals(ID, event.getEventId());
        assertEquals(EventType.SKIP, event.getType());
        assertEquals(Instant.parse("2026-12-04T10:15:30Z"), event.getEventTime());
        assertEquals(4200, event.getPlayedMs());
        assertEquals(201000L, event.getTrackDurationMs());
        assertEquals(PlaySource.RECOMMENDATION, event.getContext().getSource());
        assertEquals("r-7", event.getContext().getRecommendationId());
        assertEquals("web", event.getClient().getPlatform());
    }

    @Test
    void optionalPartsTakeTheSchemasDefaultsAndTimeMayBeEpochMillis() throws Exception {
        UserEvent event = parse("""
                {"eventId": "%s", "userId": "u1", "trackId": "t9", "type": "LIKE", "eventTime": 1764843330000}""".formatted(ID));
        assertEquals(Instant.ofEpochMilli(1764843330000L), event.getEventTime());
        assertEquals(0, event.getPlayedMs());
        assertNull(event.getTrackDurationMs());
        assertNull(event.getArtistId());
        assertEquals(PlaySource.OTHER, event.getContext().getSource());
        assertNull(event.getClient());
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        assertEquals(List.of("tack", "trackId", "type", "playedMs"), badFields("""
                {"eventId": "%s", "userId": "u1", "tack": "t9", "type": "PAUSE", "eventTime": "2026-12-04T10:15:30Z",
                 "playedMs": "long"}""".formatted(ID)));
        assertEquals(List.of("eventTime"), badFields("""
                {"eventId": "%s", "userId": "u1", "trackId": "t9", "type": "PLAY", "eventTime": "yesterday"}""".formatted(ID)));
        assertEquals(List.of("context.source", "client.version"), badFields("""
                {"eventId": "%s", "userId": "u1", "trackId": "t9", "type": "PLAY", "eventTime": 1764843330000,
                 "context": {"source": "TV"}, "client": {"platform": "web"}}""".formatted(ID)));
        assertEquals(List.of("userId"), badFields("""
                {"eventId": "%s", "userId": 7, "trackId": "t9", "type": "PLAY", "eventTime": 1764843330000}""".formatted(ID)));
        assertEquals(List.of("body"), badFields("[1, 2]"));
    }
}
