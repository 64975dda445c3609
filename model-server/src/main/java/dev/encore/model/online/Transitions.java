package dev.encore.model.online;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Co-listening learned from the event stream: when a track follows others in a session, the pairs within a
 * short window get weight (closer pairs more; forwards more than backwards), so the neighbours of a track
 * are what listeners played around it. Updated per event, this is what lets the system recommend tracks it
 * has only just seen.
 */
public final class Transitions {
    /** How many earlier tracks of the session a new track is paired with. */
    public static final int WINDOW = 3;
    private static final float BACKWARD = 0.5f;

    private final Map<Integer, Map<Integer, Float>> neighbours = new HashMap<>();

    /** Records that {@code next} was played after {@code sessionSoFar} (oldest first), with {@code weight}. */
    public void add(List<Integer> sessionSoFar, int next, float weight) {
        int n = sessionSoFar.size();
        for (int d = 1; d <= WINDOW && d <= n; d++) {
            int previous = sessionSoFar.get(n - d);
            if (previous < 0 || previous == next) {
                continue;
            }
            neighbours.computeIfAbsent(previous, k -> new HashMap<>()).merge(next, weight / d, Float::sum);
            neighbours.computeIfAbsent(next, k -> new HashMap<>()).merge(previous, BACKWARD * weight / d, Float::sum);
        }
    }

    /** The weighted neighbours of {@code track} (empty when it has none). */
    public Map<Integer, Float> of(int track) {
        return neighbours.getOrDefault(track, Map.of());
    }
}
