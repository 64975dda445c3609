package dev.encore.schemas.serde;

import dev.encore.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** Flink serialization of a generated Avro type to one topic in the Confluent wire format. */
public final class AvroSerializationSchema<T extends SpecificRecord> implements SerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final String topic;
    private final String registryUrl;
    private final boolean autoRegister;
    private transient AvroWireCodec<T> codec;

    public AvroSerializationSchema(Class<T> type, String topic, String registryUrl, boolean autoRegister) {
        this.type = type;
        this.topic = topic;
        this.registryUrl = registryUrl;
        this.autoRegister = autoRegister;
    }

    @Override
    public void open(InitializationContext context) {
        codec = new AvroWireCodec<>(type, new SchemaRegistryClient(registryUrl), autoRegister);
    }

    @Override
    public byte[] serialize(T element) {
        if (codec == null) {
            open(null);
        }
        return codec.encode(topic, element);
    }
}
