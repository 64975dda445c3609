package dev.encore.schemas.listening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.encore.schema.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaySkipRuleTest {
    private static final Instant T0 = Instant.parse("2014-04-20T10:00:00Z");

    @Test
    void gapDecidesSkipOrPlayAndTheEventIsSentWhenThePlayEnds() {
        List<Listen> listens = PlaySkipRule.DEFAULT.derive(List.of(
                row(0),                     // next one 10 s later: skipped after 10 s
                row(10),                    // next one 200 s later: played 200 s
                row(10 + 200),              // next one 2 h later: a pause, play capped at 10 min
                row(10 + 200 + 7200),       // next one 29 s later: skipped
                row(10 + 200 + 7200 + 29),  // next one 30 s later: played (30 s is not below the threshold)
                row(10 + 200 + 7200 + 59))); // last of the session: assumed 210 s

        assertEquals(List.of(EventType.SKIP, EventType.PLAY, EventType.PLAY, EventType.SKIP, EventType.PLAY, EventType.PLAY),
                listens.stream().map(Listen::type).toList());
        assertEquals(List.of(10_000L, 200_000L, 600_000L, 29_000L, 30_000L, 210_000L),
                listens.stream().map(Listen::playedMs).toList());
        assertEquals(T0.plusSeconds(10), listens.get(0).eventTime());
        assertEquals(T0.plusSeconds(210 + 600), listens.get(2).eventTime());
        assertEquals(List.of(0, 1, 2, 3, 4, 5), listens.stream().map(Listen::position).toList());
    }

    @Test
    void thresholdsAreConfigurable() {
        PlaySkipRule strict = new PlaySkipRule(Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofMinutes(3));
        List<Listen> listens = strict.derive(List.of(row(0), row(45)));
        assertEquals(EventType.SKIP, listens.get(0).type());
        assertEquals(180_000L, listens.get(1).playedMs());
    }

    @Test
    void inconsistentThresholdsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new PlaySkipRule(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(10)));
        assertThrows(IllegalArgumentException.class,
                () -> new PlaySkipRule(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(90)));
    }

    private static ListenRow row(long secondsAfterStart) {
        return new ListenRow("f", 1, "u1", "s1", "t" + secondsAfterStart, "a1", T0.plusSeconds(secondsAfterStart));
    }
}
