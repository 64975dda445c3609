package dev.encore.stream.sequence;

import static dev.encore.stream.testing.Events.play;
import static dev.encore.stream.testing.Events.skip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserSequenceTest {
    private static final long GAP = Duration.ofMinutes(30).toMillis();
    private static final long MIN = 60_000;

    @Test
    void keepsTimeOrderEvenForLateEvents() {
        UserSequence s = UserSequence.EMPTY.with(play("u", "a", 10 * MIN), 50)
                .with(play("u", "c", 30 * MIN), 50)
                .with(play("u", "b", 20 * MIN), 50);
        assertArrayEquals(new String[] {"a", "b", "c"}, s.tracks());
        assertEquals(3, s.events());
        assertEquals(30 * MIN, s.newestTime());
    }

    @Test
    void keepsOnlyTheNewestCapacityEventsButCountsAll() {
        UserSequence s = UserSequence.EMPTY;
        for (int i = 0; i < 8; i++) {
            s = s.with(play("u", "t" + i, i * MIN), 5);
        }
        assertArrayEquals(new String[] {"t3", "t4", "t5", "t6", "t7"}, s.tracks());
        assertEquals(8, s.events());
    }

    @Test
    void sessionsEndAtGapsLongerThanTheSessionGap() {
        UserSequence s = UserSequence.EMPTY.with(skip("u", "old-skip", 0), 50)
                .with(play("u", "a", 10 * MIN), 50)
                .with(play("u", "b", 50 * MIN), 50)   // 40 min gap: new session
                .with(skip("u", "c", 55 * MIN), 50)
                .with(play("u", "d", 60 * MIN), 50);
        assertEquals(2, s.sessionStart(4, GAP));
        assertEquals(List.of("b", "c"), s.sessionBefore(4, GAP));
        assertEquals(Set.of("c"), s.skippedInCurrentSession(GAP));
        assertTrue(s.sessionBefore(2, GAP).isEmpty());
    }
}
