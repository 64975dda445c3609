package dev.encore.schemas.serde;

import dev.encore.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Flink deserialization of a generated Avro type from the Confluent wire format. Bad bytes raise
 * {@link InvalidPayloadException}; a job that must keep running wraps this and routes them to the
 * dead-letter topic.
 */
public final class AvroDeserializationSchema<T extends SpecificRecord> implements DeserializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final String registryUrl;
    private transient AvroWireCodec<T> codec;

    public AvroDeserializationSchema(Class<T> type, String registryUrl) {
        this.type = type;
        this.registryUrl = registryUrl;
    }

    @Override
    public void open(InitializationContext context) {
        codec = new AvroWireCodec<>(type, new SchemaRegistryClient(registryUrl), false);
    }

    @Override
    public T deserialize(byte[] message) {
        if (codec == null) {
            open(null);
        }
        return codec.decode(message);
    }

    @Override
    public boolean isEndOfStream(T nextElement) {
        return false;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }
}
