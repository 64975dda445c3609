package dev.encore.view;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.encore.schema.UserEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each user's last {@link #KEPT} events (in the order the topic has them) in {@link RecommendationsView#HISTORY_STORE},
 * as JSON, so that a page can show what the listener just did beside what they are offered. An event the view cannot
 * decode is counted and passed over: the job dead-letters it, and history is for display only.
 */
final class RecentEventsProcessor implements Processor<String, byte[], Void, Void> {
    static final int KEPT = 20;
    private static final TypeReference<List<RecentEvent>> LIST = new TypeReference<>() {
    };

    private final Function<byte[], UserEvent> decoder;
    private final LongAdder unreadable;
    private KeyValueStore<String, byte[]> store;

    RecentEventsProcessor(Function<byte[], UserEvent> decoder, LongAdder unreadable) {
        this.decoder = decoder;
        this.unreadable = unreadable;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(RecommendationsView.HISTORY_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        UserEvent event;
        try {
            event = record.value() == null ? null : decoder.apply(record.value());
        } catch (RuntimeException e) {
            event = null;
        }
        if (event == null) {
            unreadable.increment();
            return;
        }
        // The store's key is the record's, so that the user is found on the partition the key metadata names.
        String user = record.key() != null ? record.key() : event.getUserId();
        List<RecentEvent> events = read(store.get(user));
        events.add(RecentEvent.of(event));
        if (events.size() > KEPT) {
            events = new ArrayList<>(events.subList(events.size() - KEPT, events.size()));
        }
        store.put(user, JsonResponses.write(events).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static List<RecentEvent> read(byte[] stored) {
        if (stored == null) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(JsonResponses.JSON.readValue(stored, LIST));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable history in the store", e);
        }
    }
}
