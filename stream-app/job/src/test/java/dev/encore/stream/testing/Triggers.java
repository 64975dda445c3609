package dev.encore.stream.testing;

import dev.encore.schema.EventType;
import dev.encore.stream.ingest.PlayEvent;
import dev.encore.stream.sequence.Trigger;

/** Builds triggers for tests: the user's {@code seq}-th event, at second {@code seq}. */
public final class Triggers {
    private Triggers() {
    }

    /** A play of {@code track}, by "artist-of-" the track. */
    public static Trigger trigger(String user, long seq, String track) {
        return of(user, seq, track, "artist-of-" + track, EventType.PLAY);
    }

    /** A play of {@code track} by {@code artist}. */
    public static Trigger play(String user, long seq, String track, String artist) {
        return of(user, seq, track, artist, EventType.PLAY);
    }

    /** A skip of {@code track}, by "artist-of-" the track. */
    public static Trigger skip(String user, long seq, String track) {
        return of(user, seq, track, "artist-of-" + track, EventType.SKIP);
    }

    private static Trigger of(String user, long seq, String track, String artist, EventType type) {
        return Trigger.of(new PlayEvent("event-" + user + "-" + seq, user, track, artist, type, seq * 1000, 0, seq * 1000, "", 0), seq);
    }
}
