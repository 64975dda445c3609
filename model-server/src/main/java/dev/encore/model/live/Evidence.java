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

    /** The model's input: the user's events, oldest first. */
    public List<SequenceInput.Event> sequence() {
        return sequence(historyTracks, historyArtists, historyTypes);
    }

    public static List<SequenceInput.Event> sequence(String[] tracks, String[] artists, byte[] types) {
        List<SequenceInput.Event> events = new ArrayList<>(tracks.length);
        for (int i = 0; i < tracks.length; i++) {
            events.add(new SequenceInput.Event(tracks[i], artists[i], EventType.values()[types[i]]));
        }
        return events;
    }
}
