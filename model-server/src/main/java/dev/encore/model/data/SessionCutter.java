package dev.encore.model.data;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Assigns session ids to a user's events by inactivity: a gap longer than {@code gap} starts a new session.
 * The stream job cuts sessions the same way (default 30 min).
 */
public final class SessionCutter {
    public static final Duration DEFAULT_GAP = Duration.ofMinutes(30);

    private record Open(String id, Instant last) {
    }

    private final Duration gap;
    private final Map<String, Open> openByUser = new HashMap<>();
    private long next;

    public SessionCutter(Duration gap) {
        this.gap = gap;
    }

    /** The session of the user's event at {@code time}; events must come in time order per user. */
    public String sessionOf(String userId, Instant time) {
        Open open = openByUser.get(userId);
        String id = open != null && Duration.between(open.last(), time).compareTo(gap) <= 0
                ? open.id() : userId + "#" + (next++);
        openByUser.put(userId, new Open(id, time));
        return id;
    }
}
