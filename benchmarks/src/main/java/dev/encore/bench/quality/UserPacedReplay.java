package dev.encore.bench.quality;

import dev.encore.schema.Recommendations;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.Topics;
import dev.encore.schemas.listening.Listen;
import dev.encore.schemas.serde.AvroWireCodec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replays events in event-time order so that each list the job makes is made from the events before its trigger,
 * as in production, whatever the replay's speed. A compressed replay otherwise lets the future in: a user's next
 * event arrives within milliseconds, its co-listening pair can reach the track-keyed state before the previous
 * trigger does, and the list "predicts" a track it has already seen; other listeners' later events (30Music is
 * radio listening: many listeners hear the same sequence) do the same. So the training period is sent as fast
 * as the job takes it, then, in the judged period, each event waits for the list of its user's previous event,
 * and the events of each {@code barrier} of event time wait until every list of the earlier ones is made. What
 * remains is what production has too: other listeners' events less than a barrier apart.
 */
final class UserPacedReplay {
    private static final Duration LIST_TIMEOUT = Duration.ofMinutes(2);

    private UserPacedReplay() {
    }

    /** @param judgedFrom index of the first event of the judged period */
    static void run(String bootstrap, AvroWireCodec<UserEvent> codec, AvroWireCodec<Recommendations> lists, List<Listen> events,
                    int judgedFrom, Duration barrier, PrintStream log) throws Exception {
        Set<String> answered = ConcurrentHashMap.newKeySet();
        // Stopped by a flag, not an interrupt: an interrupted consumer logs an error while it closes.
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = new Thread(() -> watch(bootstrap, lists, answered, running), "list-watcher");
        watcher.setDaemon(true);
        watcher.start();
        Map<String, String> previous = new HashMap<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all", "linger.ms", "0", "enable.idempotence", "true"), new StringSerializer(), new ByteArraySerializer())) {
            List<String> sentInBucket = new java.util.ArrayList<>();
            long bucket = Long.MIN_VALUE;
            for (int i = 0; i < events.size(); i++) {
                UserEvent event = events.get(i).toUserEvent();
                String user = event.getUserId().toString();
                String before = previous.put(user, event.getEventId().toString());
                if (i == judgedFrom) {
                    // The training period went as fast as the job took it: let it finish before judging starts.
                    for (int j = 0; j < i; j++) {
                        sentInBucket.add(events.get(j).toUserEvent().getEventId().toString());
                    }
                }
                if (i >= judgedFrom) {
                    long now = Math.floorDiv(event.getEventTime().toEpochMilli(), barrier.toMillis());
                    if (now != bucket) {
                        for (String sent : sentInBucket) {
                            await(answered, sent);
                        }
                        sentInBucket.clear();
                        bucket = now;
                    }
                    if (before != null) {
                        await(answered, before);
                    }
                    sentInBucket.add(event.getEventId().toString());
                }
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), user, codec.encode(Topics.EVENTS.name(), event)));
                if ((i + 1) % 10_000 == 0) {
                    log.printf("replayed %,d/%,d events, %.0f/s%n", i + 1, events.size(), (i + 1) / ((System.nanoTime() - started) / 1e9));
                }
            }
            producer.flush();
        } finally {
            running.set(false);
            watcher.join(10_000);
        }
    }

    private static void await(Set<String> answered, String eventId) throws InterruptedException {
        long deadline = System.nanoTime() + LIST_TIMEOUT.toNanos();
        while (!answered.contains(eventId)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no list for event " + eventId + " after " + LIST_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(1);
        }
    }

    /** Notes the trigger of every list the job writes, committed or not. */
    private static void watch(String bootstrap, AvroWireCodec<Recommendations> lists, Set<String> answered,
                              java.util.concurrent.atomic.AtomicBoolean running) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            String topic = Topics.RECOMMENDATIONS.name();
            consumer.assign(consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList());
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    if (record.value() != null) {
                        answered.add(lists.decode(record.value()).getTriggerEventId().toString());
                    }
                }
            }
        }
    }
}
