package dev.encore.model.scoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a process remembers per model version (its ranking weights), for the most recently used versions only: a
 * continual trainer publishes a version a minute, for days, so a map of every version ever seen would only grow.
 */
public final class RecentVersions {
    /** Versions remembered: the one in force and those scored just before the last few swaps. */
    public static final int KEPT = 8;

    private RecentVersions() {
    }

    /** A thread-safe map that forgets the least recently used version beyond {@link #KEPT}. */
    public static <V> Map<String, V> map() {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > KEPT;
            }
        });
    }
}
