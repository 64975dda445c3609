package dev.encore.schemas.serde;

import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaNotFoundException;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.registry.SubjectNotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one generated Avro type in the Confluent wire format, with schemas from the registry
 * under the topic's value subject. The Kafka serde and the Flink schemas are thin adapters over it.
 * Thread-safe.
 */
public final class AvroWireCodec<T extends SpecificRecord> {
    private final Class<T> type;
    private final Schema readerSchema;
    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private final SpecificDatumWriter<T> writer;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

    public AvroWireCodec(Class<T> type, SchemaRegistryClient registry, boolean autoRegister) {
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.writer = new SpecificDatumWriter<>(readerSchema);
    }

    public Class<T> type() {
        return type;
    }

    /** The record's bytes for {@code topic}: header with the id of our schema under the topic's value subject. */
    public byte[] encode(String topic, T record) {
        int id = schemaIdFor(Topics.valueSubject(topic));
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(WireFormat.header(id));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a record written with any registered schema that resolves to ours.
     *
     * @throws InvalidPayloadException when the bytes are not such a record; registry outages are not data
     *                                 problems and surface as {@code RegistryUnavailableException}
     */
    public T decode(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidPayloadException(PayloadProblem.EMPTY_PAYLOAD, "null value", null, null);
        }
        int writerId = WireFormat.schemaId(bytes);
        SpecificDatumReader<T> reader = readerFor(writerId, bytes);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER_SIZE,
                bytes.length - WireFormat.HEADER_SIZE, null);
        T record;
        try {
            record = reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new InvalidPayloadException(PayloadProblem.CORRUPT_AVRO,
                    "body does not decode with schema id " + writerId + ": " + e, bytes, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new InvalidPayloadException(PayloadProblem.CORRUPT_AVRO,
                        "bytes left over after the record (schema id " + writerId + ")", bytes, null);
            }
        } catch (IOException e) {
            throw new InvalidPayloadException(PayloadProblem.CORRUPT_AVRO, e.toString(), bytes, e);
        }
        return record;
    }

    private int schemaIdFor(String subject) {
        if (autoRegister) {
            return registry.register(subject, readerSchema);
        }
        try {
            return registry.idOf(subject, readerSchema);
        } catch (SubjectNotFoundException | SchemaNotFoundException e) {
            throw new IllegalStateException("the " + type.getSimpleName() + " schema is not registered under subject '"
                    + subject + "': register it first (the local stack does at start) or enable auto-registration ("
                    + SerdeConfig.AUTO_REGISTER + "=true)", e);
        }
    }

    private SpecificDatumReader<T> readerFor(int writerId, byte[] bytes) {
        SpecificDatumReader<T> cached = readersByWriterId.get(writerId);
        if (cached != null) {
            return cached;
        }
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(writerId);
        } catch (SchemaNotFoundException e) {
            throw new InvalidPayloadException(PayloadProblem.UNKNOWN_SCHEMA_ID,
                    "schema id " + writerId + " is not in the registry", bytes, e);
        }
        var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new InvalidPayloadException(PayloadProblem.INCOMPATIBLE_WRITER_SCHEMA,
                    "schema id " + writerId + " cannot be read as " + type.getSimpleName() + ": "
                            + compatibility.getResult().getIncompatibilities(), bytes, null);
        }
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(writerSchema, readerSchema);
        readersByWriterId.put(writerId, reader);
        return reader;
    }
}
