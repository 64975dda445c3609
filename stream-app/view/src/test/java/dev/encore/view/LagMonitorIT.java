package dev.encore.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.schemas.Topics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Lag figures against known offsets: a paused group that committed a known position on a real broker. */
class LagMonitorIT {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        final AtomicLong millis = new AtomicLong(1_000_000);

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    void lagInOffsetsAndSecondsMatchesWhatWasProducedAndCommitted() throws Exception {
        String topic = Topics.EVENTS.name();
        TopicPartition p0 = new TopicPartition(topic, 0);
        try (TestBroker broker = new TestBroker(); var admin = broker.admin()) {
            TestClock clock = new TestClock();
            LagMonitor monitor = new LagMonitor(admin, List.of("paused"), List.of(topic), clock);
            produce(broker, topic, 10);
            commit(broker, "paused", p0, 0);
            monitor.poll();
            assertEquals(10, lagOf(monitor, p0).lag());

            clock.millis.addAndGet(10_000);
            produce(broker, topic, 10);
            commit(broker, "paused", p0, 15);
            monitor.poll();
            LagMonitor.Lag lag = lagOf(monitor, p0);
            assertEquals(5, lag.lag());
            // The end was at 10 at t=0 and at 20 at t=10 s: offset 15 was the end about 5 s ago.
            assertEquals(5.0, lag.seconds(), 0.001);

            String text = scrape(monitor);
            assertTrue(text.contains("kafka_consumergroup_group_lag{group=\"paused\",partition=\"0\",topic=\"" + topic + "\"} 5.0"), text);
            assertTrue(text.contains("kafka_consumergroup_group_sum_lag{group=\"paused\"} 5.0"), text);
            assertTrue(text.contains("kafka_partition_latest_offset{"), text);
        }
    }

    @Test
    void aTransactionLeftOpenIsCountedWithTheRecordsItHoldsBackUntilItEnds() throws Exception {
        String topic = Topics.RECOMMENDATIONS.name();
        TopicPartition p0 = new TopicPartition(topic, 0);
        try (TestBroker broker = new TestBroker(); var admin = broker.admin();
             var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers(),
                     "transactional.id", "encore-recommendations-0-7"), new ByteArraySerializer(), new ByteArraySerializer())) {
            TestClock clock = new TestClock();
            LagMonitor monitor = new LagMonitor(admin, List.of(), List.of(topic), clock);
            produceKeyed(broker, topic, 2);
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, 0, KEY, "open".getBytes(StandardCharsets.UTF_8))).get();
            }
            produceKeyed(broker, topic, 4);

            clock.millis.set(System.currentTimeMillis() + LagMonitor.STUCK_TRANSACTION_MILLIS + 5_000);
            monitor.poll();
            OpenTransactions transactions = monitor.transactions();
            assertEquals(List.of("encore-recommendations-0-7"), transactions.stuck().stream()
                    .map(OpenTransactions.Open::transactionalId).toList());
            assertEquals(7, transactions.heldBack().get(p0), "the open transaction's 3 records and the 4 after it");
            String text = scrape(monitor);
            assertTrue(text.contains("encore_open_transactions{topic=\"" + topic + "\"} 1.0"), text);

            producer.commitTransaction();
            // The commit returns once the coordinator logged it; the markers reach the partition a moment later.
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            do {
                monitor.poll();
            } while ((!transactions.open().isEmpty() || transactions.heldBack().get(p0) != 0) && System.nanoTime() < deadline);
            assertEquals(List.of(), transactions.open());
            assertEquals(0, transactions.heldBack().get(p0));
        }
    }

    /** The monitor's figures as the view's {@code /metrics} serves them. */
    private static String scrape(LagMonitor monitor) {
        PrometheusRegistry registry = new PrometheusRegistry();
        monitor.register(registry);
        return PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
    }

    /** The recommendations topic is compacted: its records need a key. */
    private static final byte[] KEY = "user-1".getBytes(StandardCharsets.UTF_8);

    private static void produceKeyed(TestBroker broker, String topic, int n) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, 0, KEY, "x".getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static LagMonitor.Lag lagOf(LagMonitor monitor, TopicPartition partition) {
        return monitor.lags().stream().filter(l -> l.partition().equals(partition)).findFirst().orElseThrow();
    }

    private static void produce(TestBroker broker, String topic, int n) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, "x".getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    /** Commits a position for a group that reads nothing: a paused consumer. */
    private static void commit(TestBroker broker, String group, TopicPartition partition, long offset) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }
}
