package dev.encore.schemas.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.schema.EventType;
import dev.encore.schema.PlayContext;
import dev.encore.schema.PlaySource;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.testing.SampleEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:05:00Z");
    private final EventValidator validator = new EventValidator(Clock.fixed(NOW, ZoneOffset.UTC),
            EventValidator.DEFAULT_EARLIEST, EventValidator.DEFAULT_MAX_CLOCK_SKEW);

    @Test
    void aCompleteEventIsValid() {
        assertEquals(List.of(), validator.violations(SampleEvents.full()));
        assertEquals(List.of(), validator.violations(PlayerEvents.play("u", "t", NOW, 1000).build()));
    }

    @Test
    void eachRuleNamesItsField() {
        assertOnly("eventId", b -> b.setEventId("not-a-uuid"));
        assertOnly("userId", b -> b.setUserId(""));
        assertOnly("userId", b -> b.setUserId("has space"));
        assertOnly("trackId", b -> b.setTrackId("x".repeat(129)));
        assertOnly("artistId", b -> b.setArtistId("\t"));
        assertOnly("type", b -> b.setType(EventType.UNKNOWN));
        assertOnly("eventTime", b -> b.setEventTime(Instant.parse("1999-12-31T23:59:59Z")));
        assertOnly("eventTime", b -> b.setEventTime(NOW.plusSeconds(11 * 60)));
        assertOnly("playedMs", b -> b.setPlayedMs(-1));
        assertOnly("trackDurationMs", b -> b.setTrackDurationMs(0L));
        assertOnly("context.position", b -> b.setContext(PlayContext.newBuilder(b.getContext()).setRecommendationId("list-1").setPosition(0).build()));
        assertOnly("context.position", b -> b.setContext(PlayContext.newBuilder(b.getContext()).setRecommendationId(null).setPosition(2).build()));
    }

    @Test
    void aPlayFromAListCarriesTheListAndTheRank() {
        UserEvent event = PlayerEvents.fromList(PlayerEvents.play("u", "t", NOW, 1000), "list-1", 3).build();
        assertEquals(List.of(), validator.violations(event));
        assertEquals(PlaySource.RECOMMENDATION, event.getContext().getSource());
        assertEquals("list-1", event.getContext().getRecommendationId());
        assertEquals(3, event.getContext().getPosition());
        assertThrows(IllegalArgumentException.class, () -> PlayerEvents.fromList(PlayerEvents.play("u", "t", NOW, 1), "list-1", 0));
    }

    @Test
    void validateThrowsWithEveryViolationInTheMessage() {
        UserEvent bad = UserEvent.newBuilder(SampleEvents.full()).setUserId("").setPlayedMs(-5).build();
        var error = assertThrows(InvalidEventException.class, () -> validator.validate(bad));
        assertEquals(2, error.violations().size());
        assertTrue(error.getMessage().contains("userId") && error.getMessage().contains("playedMs"), error.getMessage());
    }

    private void assertOnly(String field, Consumer<UserEvent.Builder> breakIt) {
        UserEvent.Builder builder = UserEvent.newBuilder(SampleEvents.full());
        breakIt.accept(builder);
        List<EventViolation> found = validator.violations(builder.build());
        assertEquals(1, found.size(), found.toString());
        assertEquals(field, found.get(0).field());
    }
}
