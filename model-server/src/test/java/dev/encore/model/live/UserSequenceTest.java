package dev.encore.model.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.schema.EventType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserSequenceTest {
    private static final long GAP = Duration.ofMinutes(30).toMillis();
    private static final long MIN = 60_000;

    @Test
    void keepsTimeOrderEvenForLateEvents() {
        UserSequence s = UserSequence.EMPTY.with("a", "artist-of-" + "a", EventType.PLAY, 10 * MIN, 50)
                .with("c", "artist-of-" + "c", EventType.PLAY, 30 * MIN, 50)
                .with("b", "artist-of-" + "b", EventType.PLAY, 20 * MIN, 50);
        assertArrayEquals(new String[] {"a", "b", "c"}, s.tracks());
        assertEquals(3, s.events());
        assertEquals(30 * MIN, s.newestTime());
    }

    @Test
    void keepsOnlyTheNewestCapacityEventsButCountsAll() {
        UserSequence s = UserSequence.EMPTY;
        for (int i = 0; i < 8; i++) {
            s = s.with("t" + i, "x", EventType.PLAY, i * MIN, 5);
        }
        assertArrayEquals(new String[] {"t3", "t4", "t5", "t6", "t7"}, s.tracks());
        assertEquals(8, s.events());
    }

    @Test
    void sessionsEndAtGapsLongerThanTheSessionGap() {
        UserSequence s = UserSequence.EMPTY.with("old-skip", "artist-of-" + "old-skip", EventType.SKIP, 0, 50)
                .with("a", "artist-of-" + "a", EventType.PLAY, 10 * MIN, 50)
                .with("b", "artist-of-" + "b", EventType.PLAY, 50 * MIN, 50)   // 40 min gap: new session
                .with("c", "artist-of-" + "c", EventType.SKIP, 55 * MIN, 50)
                .with("d", "artist-of-" + "d", EventType.PLAY, 60 * MIN, 50);
        assertEquals(2, s.sessionStart(4, GAP));
        assertEquals(List.of("b", "c"), s.sessionBefore(4, GAP));
        assertEquals(Set.of("c"), s.skippedInCurrentSession(GAP));
        assertTrue(s.sessionBefore(2, GAP).isEmpty());
    }
}
