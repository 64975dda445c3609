package dev.encore.view.collector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event ids this collector took lately. A player that resends after a lost answer gets its 202 again and the
 * event is not produced twice. Bounded: an id older than the last {@code capacity} events is forgotten (the job's
 * inputs stay at-least-once across collector instances and restarts). Thread-safe.
 */
final class RecentEventIds {
    private final Map<String, Boolean> ids;

    RecentEventIds(int capacity) {
        this.ids = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True when {@code id} was not taken yet; it is taken from now on. */
    synchronized boolean take(String id) {
        return ids.putIfAbsent(id, Boolean.TRUE) == null;
    }

    /** Gives {@code id} back after its send failed, so that the player's retry is produced. */
    synchronized void release(String id) {
        ids.remove(id);
    }
}
