package dev.encore.schemas.serde;

import dev.encore.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for generated Avro classes in the Confluent wire format. Bad bytes raise
 * {@link InvalidPayloadException} with the reason and the bytes; a {@code null} value (a tombstone on a
 * compacted topic) is returned as {@code null}.
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private AvroWireCodec<T> codec;

    /** For Kafka's class-name configuration: {@link SerdeConfig#VALUE_TYPE} names the class. */
    public ConfluentAvroDeserializer() {
    }

    public ConfluentAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
        this.codec = new AvroWireCodec<>(type, client, false);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (codec != null) {
            return;
        }
        Object typeName = configs.get(SerdeConfig.VALUE_TYPE);
        if (typeName == null) {
            throw new IllegalArgumentException("missing " + SerdeConfig.VALUE_TYPE + ": set it to a generated Avro class, e.g. dev.encore.schema.UserEvent");
        }
        try {
            Class<?> type = Class.forName(typeName.toString());
            if (!SpecificRecord.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(SerdeConfig.VALUE_TYPE + "=" + typeName + " is not a generated Avro class");
            }
            codec = new AvroWireCodec<>((Class<T>) type, SerdeConfig.client(configs), false);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(SerdeConfig.VALUE_TYPE + "=" + typeName + " is not on the class path");
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (codec == null) {
            throw new IllegalStateException("deserializer is not configured: set " + SerdeConfig.VALUE_TYPE);
        }
        return codec.decode(data);
    }
}
