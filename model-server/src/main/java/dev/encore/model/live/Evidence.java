package dev.encore.model.live;

import dev.encore.model.sasrec.SequenceInput;
import dev.encore.schema.EventType;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one recomputation of a user's list reads, as the stream job has it when the user's event arrives:
 * the user's last events (oldest first, the model's input), the tracks skipped in the current session, the
 * co-listening neighbours of the track just played, the most played tracks of its artist and the trending
 * snapshot in force. Built by the job's operators from their keyed state and by {@link JobReplica} offline.
 */
public record Evidence(String justPlayed, String[] historyTracks, String[] historyArtists, byte[] historyTypes,
                       String[] skippedInSession, WeightedTracks neighbours, WeightedTracks artistTracks,
                       TrendingSnapshot trending) {
    /** {@code values()} copies its array on every call; a sequence reads it once per event. */
    private static final EventType[] EVENT_TYPES = EventType.values();

    /** The evidence for {@code justPlayed} from the user's {@code history} (with it), as the job and the replica build it. */
    public static Evidence of(String justPlayed, UserSequence history, long gapMillis, WeightedTracks neighbours,
                              WeightedTracks artistTracks, TrendingSnapshot trending) {
        return new Evidence(justPlayed, history.tracks(), history.artists(), history.types(),
                history.skippedInCurrentSession(gapMillis).toArray(String[]::new), neighbours, artistTracks, trending);
    }

    /**
     * What a listener with no event yet is recommended from: the trending snapshot in force, nothing of their own.
     * The session has no track yet, so reasons name none.
     */
    public static Evidence newListener(TrendingSnapshot trending) {
        return new Evidence("", new String[0], new String[0], new byte[0], new String[0], WeightedTracks.EMPTY,
                WeightedTracks.EMPTY, trending);
    }

    /** The type of the user's {@code i}-th remembered event (kept as its ordinal). */
    public EventType historyType(int i) {
        return EVENT_TYPES[historyTypes[i]];
    }

    /** The model's input: the user's events, oldest first. */
    public List<SequenceInput.Event> sequence() {
        return sequence(historyTracks, historyArtists, historyTypes);
    }

    public static List<SequenceInput.Event> sequence(String[] tracks, String[] artists, byte[] types) {
        List<SequenceInput.Event> events = new ArrayList<>(tracks.length);
        for (int i = 0; i < tracks.length; i++) {
            events.add(new SequenceInput.Event(tracks[i], artists[i], EVENT_TYPES[types[i]]));
        }
        return events;
    }
}
