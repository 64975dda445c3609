package dev.encore.model.continual;

import dev.encore.model.data.Interaction;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.sdk.EventValidator;
import dev.encore.schemas.serde.AvroWireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events topic as an {@link EventSource}, read as its own consumer group (committed offsets: a restarted
 * trainer goes on where it stopped). Records that do not decode or validate are skipped and counted: the stream
 * job sends them to the dead-letter topic, and the trainer has nothing to learn from them.
 */
public final class KafkaEventSource implements EventSource {
    public static final String GROUP = "encore-continual-trainer";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSource.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroWireCodec<UserEvent> codec;
    // The job's rule for what is an event; the same events go to its dead-letter topic instead of the model.
    private final EventValidator validator = new EventValidator();
    private long undecodable;

    public KafkaEventSource(String bootstrapServers, String registryUrl, Map<String, Object> clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.codec = new AvroWireCodec<>(UserEvent.class, new SchemaRegistryClient(registryUrl), false);
        consumer.subscribe(List.of(Topics.EVENTS.name()));
    }

    @Override
    public List<Interaction> poll(Duration timeout) {
        List<Interaction> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            try {
                UserEvent event = codec.decode(record.value());
                validator.validate(event);
                events.add(Interaction.of(event, ""));
            } catch (RuntimeException e) {
                if (undecodable++ % 1000 == 0) {
                    LOG.warn("skipping an event that does not decode or validate ({} so far): {}", undecodable, e.getMessage());
                }
            }
        }
        events.sort(java.util.Comparator.comparing(Interaction::time));
        return events;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
