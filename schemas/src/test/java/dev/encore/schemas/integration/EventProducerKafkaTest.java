package dev.encore.schemas.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.local.SharedTestRegistry;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.sdk.EventProducer;
import dev.encore.schemas.sdk.EventProducerConfig;
import dev.encore.schemas.sdk.InvalidEventException;
import dev.encore.schemas.serde.ConfluentAvroDeserializer;
import dev.encore.schemas.serde.SerdeConfig;
import dev.encore.schemas.testing.SampleEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The producer SDK against a real in-JVM KRaft broker and a real registry, read back by our deserializer. */
class EventProducerKafkaTest {
    private static KafkaClusterTestKit kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @Test
    void realEventsComeBackEqualKeyedByUserInOrder() throws Exception {
        String topic = createTopic();
        new SchemaRegistryClient(SharedTestRegistry.url()).register(Topics.valueSubject(topic), UserEvent.getClassSchema());
        List<UserEvent> sent = SampleEvents.real(300);

        try (EventProducer producer = EventProducer.create(config(topic))) {
            List<CompletableFuture<?>> acks = new ArrayList<>();
            sent.forEach(event -> acks.add(producer.send(event)));
            producer.flush();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
        }

        List<ConsumerRecord<String, UserEvent>> received = consumeAll(topic, sent.size());
        assertEquals(sent.size(), received.size());
        received.forEach(r -> assertEquals(r.value().getUserId(), r.key()));
        assertEquals(byUser(sent), byUser(received.stream().map(ConsumerRecord::value).toList()),
                "every user's events arrive equal and in the order sent");
    }

    @Test
    void anInvalidEventIsRefusedBeforeSendingAndNamesTheField() throws Exception {
        String topic = createTopic();
        new SchemaRegistryClient(SharedTestRegistry.url()).register(Topics.valueSubject(topic), UserEvent.getClassSchema());
        UserEvent bad = UserEvent.newBuilder(SampleEvents.full()).setPlayedMs(-1).build();

        try (EventProducer producer = EventProducer.create(config(topic))) {
            var error = assertThrows(InvalidEventException.class, () -> producer.send(bad));
            assertTrue(error.getMessage().contains("playedMs"), error.getMessage());
            producer.send(SampleEvents.full()).get();
        }

        List<ConsumerRecord<String, UserEvent>> received = consumeAll(topic, 1);
        assertEquals(List.of(SampleEvents.full()), received.stream().map(ConsumerRecord::value).toList());
    }

    private EventProducerConfig config(String topic) {
        return EventProducerConfig.of(kafka.bootstrapServers(), SharedTestRegistry.url()).withTopic(topic);
    }

    private static String createTopic() throws Exception {
        String topic = "events-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        return topic;
    }

    /** Reads until {@code expected} records arrived, then a little longer to catch any extra. */
    private static List<ConsumerRecord<String, UserEvent>> consumeAll(String topic, int expected) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(SerdeConfig.REGISTRY_URL, SharedTestRegistry.url());
        props.put(SerdeConfig.VALUE_TYPE, UserEvent.class.getName());
        List<ConsumerRecord<String, UserEvent>> records = new ArrayList<>();
        try (KafkaConsumer<String, UserEvent> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                configured(props))) {
            // No group: assign every partition and read from the start.
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private static ConfluentAvroDeserializer<UserEvent> configured(Map<String, Object> props) {
        ConfluentAvroDeserializer<UserEvent> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(props, false);
        return deserializer;
    }

    private static Map<String, List<UserEvent>> byUser(List<UserEvent> events) {
        Map<String, List<UserEvent>> grouped = new LinkedHashMap<>();
        events.forEach(e -> grouped.computeIfAbsent(e.getUserId(), u -> new ArrayList<>()).add(e));
        return new HashMap<>(grouped);
    }
}
