package dev.encore.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.schema.Recommendations;
import dev.encore.schema.UserEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every event is accounted for: its own list, a later list of its user that has seen it, a dead letter, or lost. */
class OutputAuditTest {
    private static final List<UserEvent> EVENTS = List.of(event("a1", "u1"), event("b1", "u2"), event("a2", "u1"),
            event("a3", "u1"), event("b2", "u2"), event("c1", "u3"));

    @Test
    void anEventSeenByALaterListOfItsUserIsSupersededNotLost() {
        // u1's a1 and a2 were superseded by a3's list, which had seen all three; b2 was dead-lettered.
        OutputAudit audit = OutputAudit.of(EVENTS, List.of(list("u2", "b1", 1), list("u1", "a3", 3), list("u3", "c1", 1)),
                Set.of("b2"), 1);
        assertEquals(new OutputAudit(6, 3, 1, 2, 0, 0, 0), audit);
        assertTrue(audit.clean());
    }

    @Test
    void anEventNoListHasSeenIsLost() {
        // u1's newest list had seen only two events: a3 is lost; c1 has no list at all.
        OutputAudit audit = OutputAudit.of(EVENTS, List.of(list("u1", "a2", 2), list("u2", "b2", 2)), Set.of(), 0);
        assertEquals(2, audit.lost());
        assertEquals(2, audit.superseded(), "a1 and b1");
        assertFalse(audit.clean());
    }

    @Test
    void aListThatCountedWrongOrTwiceShows() {
        OutputAudit audit = OutputAudit.of(EVENTS, List.of(list("u1", "a1", 1), list("u1", "a1", 1), list("u1", "a2", 3),
                list("u1", "a3", 3), list("u2", "b2", 2), list("u3", "c1", 1)), Set.of(), 0);
        assertEquals(1, audit.duplicated());
        assertEquals(1, audit.miscounted());
        assertFalse(audit.clean());
    }

    private static UserEvent event(String id, String user) {
        UserEvent event = new UserEvent();
        event.setEventId(id);
        event.setUserId(user);
        return event;
    }

    private static Recommendations list(String user, String trigger, long eventsSeen) {
        Recommendations list = new Recommendations();
        list.setUserId(user);
        list.setTriggerEventId(trigger);
        list.setEventsSeen(eventsSeen);
        return list;
    }
}
