package dev.encore.stream.testing;

import dev.encore.schema.EventType;
import dev.encore.schema.UserEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a recommendation after a user's first {@code k} events must not contain, worked out from the raw input
 * independently of the job: the track just played and the tracks skipped in the session so far.
 */
public final class SessionRules {
    private static final long GAP = Duration.ofMinutes(30).toMillis();

    private SessionRules() {
    }

    /** @param userEvents the user's events in time order */
    public static Set<String> forbiddenAfter(List<UserEvent> userEvents, int k, int window) {
        Set<String> forbidden = new HashSet<>();
        List<UserEvent> seen = userEvents.subList(Math.max(0, k - window), k);
        int start = seen.size() - 1;
        while (start > 0 && seen.get(start).getEventTime().toEpochMilli() - seen.get(start - 1).getEventTime().toEpochMilli() <= GAP) {
            start--;
        }
        for (UserEvent event : seen.subList(start, seen.size())) {
            if (event.getType() == EventType.SKIP) {
                forbidden.add(event.getTrackId());
            }
        }
        forbidden.add(seen.get(seen.size() - 1).getTrackId());
        return forbidden;
    }
}
