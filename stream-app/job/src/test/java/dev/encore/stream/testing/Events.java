package dev.encore.stream.testing;

import dev.encore.schema.EventType;
import dev.encore.stream.ingest.PlayEvent;
import java.util.UUID;

/** Builds job events for tests. */
public final class Events {
    private Events() {
    }

    public static PlayEvent event(String user, String track, String artist, EventType type, long time) {
        return new PlayEvent(UUID.randomUUID().toString(), user, track, artist, type, time, 60_000, time, "", 0);
    }

    public static PlayEvent play(String user, String track, long time) {
        return event(user, track, "artist-of-" + track, EventType.PLAY, time);
    }

    public static PlayEvent skip(String user, String track, long time) {
        return event(user, track, "artist-of-" + track, EventType.SKIP, time);
    }
}
