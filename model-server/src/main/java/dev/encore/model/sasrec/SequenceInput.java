package dev.encore.model.sasrec;

import dev.encore.schema.EventType;
import java.util.List;

/**
 * Histories turned into the model's input: track, artist and event-type ids, left-padded to the model's
 * length, most recent event last. A known track reads its artist from the vocabulary (as in training); a track
 * the model never saw is read through the artist the event names, so it is not just the one unknown bucket.
 */
public record SequenceInput(long[] items, long[] artists, long[] types, int rows, int length) {

    /** One remembered event as the model reads it; {@code artistId} is "" where the caller does not know it. */
    public record Event(String trackId, String artistId, EventType type) {
        public Event {
            artistId = artistId == null ? "" : artistId;
        }

        public Event(String trackId, EventType type) {
            this(trackId, "", type);
        }
    }

    public static SequenceInput of(List<List<Event>> histories, ItemVocabulary vocabulary, int length) {
        long[] items = new long[histories.size() * length];
        long[] artists = new long[histories.size() * length];
        long[] types = new long[histories.size() * length];
        for (int row = 0; row < histories.size(); row++) {
            List<Event> history = histories.get(row);
            int start = Math.max(0, history.size() - length);
            int offset = row * length + length - (history.size() - start);
            for (int i = start; i < history.size(); i++, offset++) {
                Event event = history.get(i);
                int id = vocabulary.id(event.trackId());
                items[offset] = id;
                artists[offset] = id == ItemVocabulary.OUT_OF_VOCABULARY
                        ? vocabulary.artistIndex(event.artistId()) : vocabulary.artistIndexOf(id);
                types[offset] = EventTypes.id(event.type());
            }
        }
        return new SequenceInput(items, artists, types, histories.size(), length);
    }
}
