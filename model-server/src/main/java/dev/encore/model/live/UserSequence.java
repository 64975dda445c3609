package dev.encore.model.live;

import dev.encore.model.online.Transitions;
import dev.encore.schema.EventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A user's last events, oldest first, as parallel arrays: the keyed state of the sequence stage, kept small
 * (about 1 KB for 50 events with 30Music ids) and serialised by Flink's POJO serializer without Kryo. Sessions
 * are not stored: a session is the run of events without a gap longer than the session gap, read off the times.
 *
 * @param events how many events the user has sent since the state was created (not capped)
 */
public record UserSequence(String[] tracks, String[] artists, byte[] types, long[] times, long events) {
    public static final UserSequence EMPTY = new UserSequence(new String[0], new String[0], new byte[0], new long[0], 0);
    /**
     * How many events the sequence that only pairs tracks keeps (the job's sequence stage, {@link JobReplica}): an
     * event pairs with up to {@link Transitions#WINDOW} tracks before it in its session, so this many let an event that
     * arrives up to {@code WINDOW} places late pair exactly as the full history would; one later pairs with fewer
     * tracks, or none once it is older than every event kept (it still triggers a list). The history the recommender reads (the model's input, repeats, skips) is kept apart, at
     * {@code sequence.length} events.
     */
    public static final int PAIRING_CAPACITY = 2 * Transitions.WINDOW + 1;

    public int size() {
        return tracks.length;
    }

    public long newestTime() {
        return times.length == 0 ? Long.MIN_VALUE : times[times.length - 1];
    }

    /**
     * The sequence with {@code event} inserted in time order (after events of the same time), keeping the newest
     * {@code capacity}. A late event lands where it belongs in time, not at the end.
     */
    public UserSequence with(String trackId, String artistId, EventType type, long eventTime, int capacity) {
        int at = times.length;
        while (at > 0 && times[at - 1] > eventTime) {
            at--;
        }
        int size = tracks.length + 1;
        int drop = Math.max(0, size - capacity);
        String[] t = new String[size - drop];
        String[] a = new String[size - drop];
        byte[] y = new byte[size - drop];
        long[] m = new long[size - drop];
        for (int from = 0, to = -drop; from < size; from++, to++) {
            if (to < 0) {
                continue;
            }
            if (from < at) {
                t[to] = tracks[from];
                a[to] = artists[from];
                y[to] = types[from];
                m[to] = times[from];
            } else if (from == at) {
                t[to] = trackId;
                a[to] = artistId;
                y[to] = (byte) type.ordinal();
                m[to] = eventTime;
            } else {
                t[to] = tracks[from - 1];
                a[to] = artists[from - 1];
                y[to] = types[from - 1];
                m[to] = times[from - 1];
            }
        }
        return new UserSequence(t, a, y, m, events + 1);
    }

    /** Index of the first event of the session that the event at {@code index} belongs to. */
    public int sessionStart(int index, long gapMillis) {
        int start = index;
        while (start > 0 && times[start] - times[start - 1] <= gapMillis) {
            start--;
        }
        return start;
    }

    /** Index of the newest event with this track and time: where an event just added sits. */
    public int indexOf(String trackId, long eventTime) {
        for (int i = times.length - 1; i >= 0; i--) {
            if (times[i] == eventTime && tracks[i].equals(trackId)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The co-listening pairs that the event at ({@code trackId}, {@code eventTime}), just added, brings with its
     * session so far ({@link Transitions#forEachPair}).
     */
    public void pairs(String trackId, long eventTime, float weight, long gapMillis, Transitions.PairSink<String> sink) {
        int at = indexOf(trackId, eventTime);
        if (weight > 0 && at >= 0) {
            Transitions.forEachPair(sessionBefore(at, gapMillis), trackId, weight, "", sink);
        }
    }

    /** The artist of the newest event of {@code track} ("" when the track is not in the sequence). */
    public String artistOf(String track) {
        for (int i = tracks.length - 1; i >= 0; i--) {
            if (tracks[i].equals(track)) {
                return artists[i];
            }
        }
        return "";
    }

    /** Tracks skipped in the current (newest) session. */
    public Set<String> skippedInCurrentSession(long gapMillis) {
        Set<String> skipped = new HashSet<>();
        if (tracks.length == 0) {
            return skipped;
        }
        for (int i = sessionStart(tracks.length - 1, gapMillis); i < tracks.length; i++) {
            if (types[i] == EventType.SKIP.ordinal()) {
                skipped.add(tracks[i]);
            }
        }
        return skipped;
    }

    /** The tracks of the session before {@code index}, oldest first. */
    public List<String> sessionBefore(int index, long gapMillis) {
        return new ArrayList<>(Arrays.asList(tracks).subList(sessionStart(index, gapMillis), index));
    }
}
