package dev.encore.model.sasrec;

import dev.encore.schema.EventType;
import java.util.List;

/**
 * Histories turned into the model's input: item and event-type ids, left-padded to the model's length, most
 * recent event last.
 */
public record SequenceInput(long[] items, long[] types, int rows, int length) {

    /** One remembered event as the model reads it. */
    public record Event(String trackId, EventType type) {
    }

    public static SequenceInput of(List<List<Event>> histories, ItemVocabulary vocabulary, int length) {
        long[] items = new long[histories.size() * length];
        long[] types = new long[histories.size() * length];
        for (int row = 0; row < histories.size(); row++) {
            List<Event> history = histories.get(row);
            int start = Math.max(0, history.size() - length);
            int offset = row * length + length - (history.size() - start);
            for (int i = start; i < history.size(); i++, offset++) {
                items[offset] = vocabulary.id(history.get(i).trackId());
                types[offset] = EventTypes.id(history.get(i).type());
            }
        }
        return new SequenceInput(items, types, histories.size(), length);
    }
}
