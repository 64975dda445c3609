package dev.encore.schemas.sdk;

import dev.encore.schemas.Topics;
import java.util.Map;

/**
 * What the event producer needs. {@code producerOverrides} are plain Kafka producer properties for
 * security and tuning; the SDK's delivery settings (acks=all, idempotence) cannot be weakened by them.
 */
public record EventProducerConfig(String bootstrapServers, String registryUrl, String topic, String clientId,
                                  boolean autoRegisterSchema, Map<String, Object> producerOverrides) {

    public EventProducerConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is empty: set it to the Kafka brokers, e.g. 127.0.0.1:9092");
        }
        if (registryUrl == null || registryUrl.isBlank()) {
            throw new IllegalArgumentException("registryUrl is empty: set it to the schema registry URL");
        }
        topic = topic == null ? Topics.EVENTS.name() : topic;
        clientId = clientId == null ? "encore-event-producer" : clientId;
        producerOverrides = producerOverrides == null ? Map.of() : Map.copyOf(producerOverrides);
    }

    /** Events topic, client id "encore-event-producer", schema expected to be registered already. */
    public static EventProducerConfig of(String bootstrapServers, String registryUrl) {
        return new EventProducerConfig(bootstrapServers, registryUrl, null, null, false, Map.of());
    }

    public EventProducerConfig withAutoRegisterSchema(boolean autoRegister) {
        return new EventProducerConfig(bootstrapServers, registryUrl, topic, clientId, autoRegister, producerOverrides);
    }

    public EventProducerConfig withClientId(String newClientId) {
        return new EventProducerConfig(bootstrapServers, registryUrl, topic, newClientId, autoRegisterSchema, producerOverrides);
    }

    public EventProducerConfig withTopic(String newTopic) {
        return new EventProducerConfig(bootstrapServers, registryUrl, newTopic, clientId, autoRegisterSchema, producerOverrides);
    }

    public EventProducerConfig withOverrides(Map<String, Object> overrides) {
        return new EventProducerConfig(bootstrapServers, registryUrl, topic, clientId, autoRegisterSchema, overrides);
    }
}
