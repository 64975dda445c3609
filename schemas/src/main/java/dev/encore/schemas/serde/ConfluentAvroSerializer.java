package dev.encore.schemas.serde;

import dev.encore.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.avro.specific.SpecificRecord;

/** Kafka serializer for generated Avro classes in the Confluent wire format ({@link SerdeConfig} for keys). */
public final class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private AvroWireCodec<T> codec;
    private SchemaRegistryClient client;
    private boolean autoRegister;

    /** For Kafka's class-name configuration; {@link #configure} supplies the registry. */
    public ConfluentAvroSerializer() {
    }

    public ConfluentAvroSerializer(SchemaRegistryClient client, boolean autoRegister) {
        this.client = client;
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = SerdeConfig.client(configs);
            autoRegister = SerdeConfig.autoRegister(configs);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (codec == null) {
            if (client == null) {
                throw new IllegalStateException("serializer is not configured: set " + SerdeConfig.REGISTRY_URL);
            }
            codec = new AvroWireCodec<>((Class<T>) record.getClass(), client, autoRegister);
        }
        return codec.encode(topic, record);
    }
}
