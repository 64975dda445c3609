package dev.encore.stream.testing;

import dev.encore.schema.EventType;
import dev.encore.stream.sequence.Trigger;

/** Builds triggers for tests: the user's history ends with the triggering track. */
public final class Triggers {
    private Triggers() {
    }

    public static Trigger trigger(String user, long seq, String... history) {
        String[] artists = new String[history.length];
        byte[] types = new byte[history.length];
        for (int i = 0; i < history.length; i++) {
            artists[i] = "artist-of-" + history[i];
            types[i] = (byte) EventType.PLAY.ordinal();
        }
        String track = history[history.length - 1];
        return new Trigger("event-" + user + "-" + seq, user, track, "artist-of-" + track, EventType.PLAY, seq * 1000,
                seq * 1000, seq, history, artists, types, new String[0], new String[0], new String[0], new float[0],
                new String[0], new float[0], "", 0);
    }
}
