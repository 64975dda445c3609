package dev.encore.model.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.data.Interaction;
import dev.encore.schema.EventType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OnlineStateTest {
    private final OnlineState state = new OnlineState();

    @Test
    void learnsTransitionsWithinASessionOnly() {
        state.observe(play("u1", "s1", "a", 0), true);
        state.observe(play("u1", "s1", "b", 10), true);
        state.observe(play("u1", "s2", "c", 20), true);
        int a = state.catalogue().indexOf("a");
        int b = state.catalogue().indexOf("b");
        int c = state.catalogue().indexOf("c");

        assertEquals(1f, state.transitions().of(a).get(b));
        assertEquals(0.5f, state.transitions().of(b).get(a), "backward co-listening counts half");
        assertTrue(!state.transitions().of(b).containsKey(c), "no transition across sessions");
    }

    @Test
    void withoutLearningOnlyTheHistoryMoves() {
        state.observe(play("u1", "s1", "a", 0), true);
        state.observe(play("u1", "s1", "new", 10), false);

        assertEquals(-1, state.catalogue().indexOf("new"));
        assertEquals(1, state.catalogue().size());
        assertEquals(2, state.user("u1").recent().size());
        assertEquals(-1, state.user("u1").last().track());
    }

    @Test
    void skipsAreRememberedForTheSessionAndCountLittle() {
        state.observe(play("u1", "s1", "a", 0), true);
        state.observe(new Interaction("u1", "s1", "b", "art", EventType.SKIP, Instant.ofEpochSecond(5)), true);
        assertTrue(state.user("u1").skippedInSession("b"));
        assertEquals(0.3f, state.popularity().count(state.catalogue().indexOf("b")), 1e-6);
        state.observe(play("u1", "s2", "c", 4000), true);
        assertTrue(!state.user("u1").skippedInSession("b"), "a new session forgets the skips");
    }

    private static Interaction play(String user, String session, String track, long second) {
        return new Interaction(user, session, track, "art", EventType.PLAY, Instant.ofEpochSecond(second));
    }
}
