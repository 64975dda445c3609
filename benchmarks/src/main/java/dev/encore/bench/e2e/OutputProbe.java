package dev.encore.bench.e2e;

import dev.encore.schemas.RecommendationHeaders;
import dev.encore.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the output topic as a downstream reader does ({@code read_committed}) and notes, for each record, when
 * its event was due (the {@code encore.trigger.ingested-at} header) and when the record became readable here.
 */
public final class OutputProbe implements AutoCloseable {
    /** One output record: when its event was due to be sent, and when it was read. */
    public record Seen(long dueMillis, long readMillis) {
        public long latencyMillis() {
            return readMillis - dueMillis;
        }
    }

    private final List<Seen> seen = new ArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;

    public OutputProbe(String bootstrapServers) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
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
                        long now = System.currentTimeMillis();
                        var header = record.headers().lastHeader(RecommendationHeaders.TRIGGER_INGESTED_AT);
                        if (header != null) {
                            long due = Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII));
                            synchronized (seen) {
                                seen.add(new Seen(due, now));
                            }
                        }
                    }
                }
            }
        }, "output-probe");
        reader.setDaemon(true);
        reader.start();
    }

    /** Records whose events were due in [from, to). */
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
