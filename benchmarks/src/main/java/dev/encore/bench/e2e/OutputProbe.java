package dev.encore.bench.e2e;

import dev.encore.schemas.RecommendationHeaders;
import dev.encore.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the output topic as a downstream reader does ({@code read_committed}) and notes, for each event, when it
 * was due and when the first list that had seen it became readable here: a list with {@code eventsSeen} n (its
 * header) answers its user's events up to the n-th, so an event whose own list was superseded by a newer list
 * of the same user counts as answered by that newer list, at that list's time.
 */
public final class OutputProbe implements AutoCloseable {
    /** The probe's reader thread, named so that the job's CPU leaves it out ({@link JobCpu}). */
    static final String THREAD = "output-probe";
    /** One output record: when its event was due to be sent, and when it was read. */
    public record Seen(long dueMillis, long readMillis) {
        public long latencyMillis() {
            return readMillis - dueMillis;
        }
    }

    private final List<Seen> seen = new ArrayList<>();
    private final Map<String, Long> answeredUpTo = new HashMap<>();
    private final OpenLoopLoad load;
    private volatile long listsRead;
    private final Thread reader;
    private volatile boolean running = true;

    public OutputProbe(String bootstrapServers, OpenLoopLoad load) {
        this.load = load;
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.CLIENT_ID_CONFIG, E2eBenchmark.BENCH_CLIENT_ID + "-probe");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        String topic = Topics.RECOMMENDATIONS.name();
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        note(record, System.currentTimeMillis());
                    }
                }
            }
        }, THREAD);
        reader.setDaemon(true);
        reader.start();
    }

    private void note(ConsumerRecord<byte[], byte[]> record, long now) {
        var header = record.headers().lastHeader(RecommendationHeaders.EVENTS_SEEN);
        if (header == null || record.key() == null) {
            return;
        }
        listsRead++;
        String user = new String(record.key(), StandardCharsets.UTF_8);
        long eventsSeen = Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII));
        long from = answeredUpTo.getOrDefault(user, 0L);
        synchronized (seen) {
            for (long n = from + 1; n <= eventsSeen; n++) {
                long due = load.dueOf(user, n);
                if (due >= 0) {
                    seen.add(new Seen(due, now));
                }
            }
        }
        answeredUpTo.put(user, Math.max(from, eventsSeen));
    }

    /** Records read so far (lists; fewer than the events they answer where lists were superseded or coalesced). */
    public long listsRead() {
        return listsRead;
    }

    /** Events due in [from, to) that a readable list has answered. */
    public List<Seen> dueBetween(long from, long to) {
        synchronized (seen) {
            return seen.stream().filter(s -> s.dueMillis() >= from && s.dueMillis() < to).toList();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5000);
    }
}
