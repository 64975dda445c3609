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

    /** How much one event counts as a co-listening signal: a skip is weak evidence, likes add no pair. */
    public static float weightOf(dev.encore.schema.EventType type) {
        return switch (type) {
            case PLAY -> 1f;
            case SKIP -> 0.3f;
            default -> 0f;
        };
    }

    /** Receives one weighted co-listening pair. */
    @FunctionalInterface
    public interface PairSink<T> {
        void pair(T from, T to, float weight);
    }

    /**
     * The pairs that {@code next}, played after {@code sessionSoFar} (oldest first) with {@code weight}, adds:
     * the rule itself, shared by this in-memory table and the stream job's keyed co-listening state.
     * {@code skip} marks tracks that cannot be paired (unknown to the catalogue).
     */
    public static <T> void forEachPair(List<T> sessionSoFar, T next, float weight, T skip, PairSink<T> sink) {
        int n = sessionSoFar.size();
        for (int d = 1; d <= WINDOW && d <= n; d++) {
            T previous = sessionSoFar.get(n - d);
            if (previous.equals(skip) || previous.equals(next)) {
                continue;
            }
            sink.pair(previous, next, weight / d);
            sink.pair(next, previous, BACKWARD * weight / d);
        }
    }

    /** Records that {@code next} was played after {@code sessionSoFar} (oldest first), with {@code weight}. */
    public void add(List<Integer> sessionSoFar, int next, float weight) {
        forEachPair(sessionSoFar, next, weight, -1,
                (from, to, w) -> neighbours.computeIfAbsent(from, k -> new HashMap<>()).merge(to, w, Float::sum));
    }

    /** The weighted neighbours of {@code track} (empty when it has none). */
    public Map<Integer, Float> of(int track) {
        return neighbours.getOrDefault(track, Map.of());
    }
}
