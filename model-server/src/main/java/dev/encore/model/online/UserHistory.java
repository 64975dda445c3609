package dev.encore.model.online;

import dev.encore.schema.EventType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one user did: the last {@code capacity} events (the model's input), the current session, and a
 * personal play count per track that decays with a half-life (repeats are a large part of listening).
 */
public final class UserHistory {
    /** One remembered event; {@code track} is -1 when the track is not in the catalogue. */
    public record Step(String trackId, int track, int artist, EventType type, Instant time) {
    }

    private final int capacity;
    private final Deque<Step> recent = new ArrayDeque<>();
    private final List<Step> session = new ArrayList<>();
    private final Set<String> skippedInSession = new HashSet<>();
    private final Map<String, float[]> personal = new HashMap<>();
    private String sessionId;

    public UserHistory(int capacity) {
        this.capacity = capacity;
    }

    public void add(String newSessionId, Step step) {
        if (!newSessionId.equals(sessionId)) {
            sessionId = newSessionId;
            session.clear();
            skippedInSession.clear();
        }
        session.add(step);
        if (step.type() == EventType.SKIP) {
            skippedInSession.add(step.trackId());
        }
        recent.addLast(step);
        if (recent.size() > capacity) {
            recent.removeFirst();
        }
        float[] counts = personal.computeIfAbsent(step.trackId(), t -> new float[1]);
        counts[0] += repeatWeight(step.type());
    }

    /** How much one event adds to the user's own count of a track (the repeats source). */
    public static float repeatWeight(EventType type) {
        return switch (type) {
            case PLAY -> 1f;
            case LIKE -> 2f;
            case SKIP -> 0.25f;
            default -> 0f;
        };
    }

    /** The id of the current session, null before the first event. */
    public String sessionId() {
        return sessionId;
    }

    public boolean isEmpty() {
        return recent.isEmpty();
    }

    /** Up to the last {@code capacity} events, oldest first. */
    public List<Step> recent() {
        return List.copyOf(recent);
    }

    /** The current session's events, oldest first. */
    public List<Step> session() {
        return session;
    }

    public Step last() {
        return recent.peekLast();
    }

    public boolean skippedInSession(String trackId) {
        return skippedInSession.contains(trackId);
    }

    /** Personal play counts by track id. */
    public Map<String, float[]> personal() {
        return personal;
    }
}
