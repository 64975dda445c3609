package dev.encore.stack;

import dev.encore.schema.Recommendations;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.DeadLetterHeaders;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.AvroWireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Accounts for every event on the events topic against what the job wrote, read as downstream teams read it
 * (read_committed): each event must have at most one list triggered by it, or be a dead letter, or be superseded:
 * seen by a later list of the same user (its set was skipped because a newer one of the user was in the same model
 * batch, or coalesced); each list's {@code eventsSeen} must be the trigger's position in its user's events, so a
 * state that lost or counted an event twice shows there even when the list count is right.
 *
 * @param events        records on the events topic
 * @param lists         committed lists
 * @param deadLetters   committed dead letters
 * @param superseded    events without a list of their own whose user's later list had seen them
 * @param lost          events with neither a list nor a dead letter, and seen by no later list of their user
 * @param duplicated    lists beyond the first for the same triggering event
 * @param miscounted    lists whose eventsSeen is not the trigger's position among its user's events
 */
record OutputAudit(long events, long lists, long deadLetters, long superseded, long lost, long duplicated, long miscounted) {

    boolean clean() {
        return lost == 0 && duplicated == 0 && miscounted == 0;
    }

    static OutputAudit read(StackEndpoints endpoints) {
        SchemaRegistryClient registry = new SchemaRegistryClient(endpoints.registryUrl());
        AvroWireCodec<UserEvent> eventCodec = new AvroWireCodec<>(UserEvent.class, registry, false);
        AvroWireCodec<Recommendations> listCodec = new AvroWireCodec<>(Recommendations.class, registry, false);

        List<ConsumerRecord<byte[], byte[]>> eventRecords = readAll(endpoints, Topics.EVENTS.name());
        eventRecords.sort(java.util.Comparator.comparingLong(ConsumerRecord::offset));
        List<UserEvent> events = new ArrayList<>(eventRecords.size());
        Map<String, String> eventAt = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : eventRecords) {
            UserEvent event = eventCodec.decode(record.value());
            events.add(event);
            eventAt.put(record.partition() + "/" + record.offset(), event.getEventId());
        }
        Set<String> deadLettered = new HashSet<>();
        List<ConsumerRecord<byte[], byte[]>> letters = readAll(endpoints, Topics.DEAD_LETTERS.name());
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            String at = header(letter, DeadLetterHeaders.SOURCE_PARTITION) + "/" + header(letter, DeadLetterHeaders.SOURCE_OFFSET);
            if (eventAt.containsKey(at)) {
                deadLettered.add(eventAt.get(at));
            }
        }
        List<Recommendations> lists = readAll(endpoints, Topics.RECOMMENDATIONS.name()).stream()
                .map(record -> listCodec.decode(record.value())).toList();
        return of(events, lists, deadLettered, letters.size());
    }

    /**
     * The accounting itself: {@code events} in topic order (one user's events share a partition, so this is
     * each user's order), the committed {@code lists}, and the ids of the events that were dead-lettered.
     */
    static OutputAudit of(List<UserEvent> events, List<Recommendations> lists, Set<String> deadLettered, long deadLetters) {
        Map<String, Integer> positionOf = new HashMap<>();
        Map<String, String> userOf = new HashMap<>();
        Map<String, Integer> perUser = new HashMap<>();
        for (UserEvent event : events) {
            positionOf.put(event.getEventId(), perUser.merge(event.getUserId(), 1, Integer::sum));
            userOf.put(event.getEventId(), event.getUserId());
        }
        Map<String, Integer> listsPerEvent = new HashMap<>();
        Map<String, Long> seenPerUser = new HashMap<>();
        long miscounted = 0;
        for (Recommendations list : lists) {
            listsPerEvent.merge(list.getTriggerEventId(), 1, Integer::sum);
            seenPerUser.merge(list.getUserId(), list.getEventsSeen(), Math::max);
            Integer position = positionOf.get(list.getTriggerEventId());
            if (position == null || position != list.getEventsSeen()) {
                miscounted++;
            }
        }
        List<String> unanswered = positionOf.keySet().stream()
                .filter(id -> !listsPerEvent.containsKey(id) && !deadLettered.contains(id)).toList();
        long superseded = unanswered.stream().filter(id -> seenPerUser.getOrDefault(userOf.get(id), 0L) >= positionOf.get(id)).count();
        long duplicated = listsPerEvent.values().stream().mapToLong(n -> n - 1).sum();
        return new OutputAudit(events.size(), lists.size(), deadLetters, superseded, unanswered.size() - superseded,
                duplicated, miscounted);
    }

    /** Every committed record of {@code topic}, read as downstream readers read it (read_committed). */
    static List<ConsumerRecord<byte[], byte[]>> readAll(StackEndpoints endpoints, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(endpoints.kafkaClient(Map.<String, Object>of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000")), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 2 minutes");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
