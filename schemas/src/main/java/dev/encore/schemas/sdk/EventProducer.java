package dev.encore.schemas.sdk;

import dev.encore.schema.UserEvent;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.ConfluentAvroSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The SDK that player clients embed to send {@link UserEvent}s. Events are validated before they leave
 * ({@link InvalidEventException} names the field), keyed by user id so that each user's events stay in
 * order, and sent by an idempotent producer with acks=all, so that a retry never duplicates or reorders.
 * Sending is asynchronous; {@link #flush()} waits for everything sent so far. Thread-safe.
 *
 * <pre>{@code
 * try (EventProducer events = EventProducer.create(EventProducerConfig.of("127.0.0.1:9092", registryUrl))) {
 *     events.send(PlayerEvents.play("u1", "t9", Instant.now(), 201_000).build());
 * }
 * }</pre>
 */
public final class EventProducer implements AutoCloseable {
    private final Producer<String, UserEvent> producer;
    private final String topic;
    private final EventValidator validator;

    EventProducer(Producer<String, UserEvent> producer, String topic, EventValidator validator) {
        this.producer = producer;
        this.topic = topic;
        this.validator = validator;
    }

    public static EventProducer create(EventProducerConfig config) {
        return create(config, new EventValidator());
    }

    public static EventProducer create(EventProducerConfig config, EventValidator validator) {
        Map<String, Object> props = new HashMap<>(config.producerOverrides());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(2).toMillis());
        var serializer = new ConfluentAvroSerializer<UserEvent>(new SchemaRegistryClient(config.registryUrl()),
                config.autoRegisterSchema());
        KafkaProducer<String, UserEvent> producer = new KafkaProducer<>(props, new StringSerializer(), serializer);
        return new EventProducer(producer, config.topic(), validator);
    }

    /**
     * Validates and sends. The future completes when the broker has the event on all in-sync replicas, or
     * fails with the send error.
     *
     * @throws InvalidEventException at once, without sending, when the event breaks a rule
     */
    public CompletableFuture<RecordMetadata> send(UserEvent event) {
        validator.validate(event);
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, event.getUserId(), event), (metadata, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(metadata);
            }
        });
        return result;
    }

    /** Blocks until every event sent so far is acknowledged or has failed. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
