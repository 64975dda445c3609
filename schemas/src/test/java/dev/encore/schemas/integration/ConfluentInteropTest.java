package dev.encore.schemas.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.local.SharedTestRegistry;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.AvroWireCodec;
import dev.encore.schemas.serde.WireFormat;
import dev.encore.schemas.testing.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.UUID;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.flink.avro.shaded.org.apache.avro.Schema;
import org.apache.flink.avro.shaded.org.apache.avro.generic.GenericDatumReader;
import org.apache.flink.avro.shaded.org.apache.avro.generic.GenericDatumWriter;
import org.apache.flink.avro.shaded.org.apache.avro.generic.GenericRecord;
import org.apache.flink.formats.avro.registry.confluent.ConfluentRegistryAvroDeserializationSchema;
import org.apache.flink.formats.avro.registry.confluent.ConfluentRegistryAvroSerializationSchema;
import org.junit.jupiter.api.Test;

/**
 * Our serde against genuine Confluent code (Confluent's CachedSchemaRegistryClient and Flink's Confluent
 * format, shaded in flink-sql-avro-confluent-registry), through a real registry: each side reads what the
 * other wrote. The shaded Avro classes are separate from ours, so records cross over as plain Avro binary.
 */
class ConfluentInteropTest {
    private static final Schema SHADED_SCHEMA = new Schema.Parser().parse(UserEvent.getClassSchema().toString());

    @Test
    void confluentCodeReadsWhatWeWrite() throws Exception {
        String topic = "interop-" + UUID.randomUUID();
        UserEvent event = SampleEvents.full();
        byte[] ours = new AvroWireCodec<>(UserEvent.class, new SchemaRegistryClient(SharedTestRegistry.url()), true)
                .encode(topic, event);

        var confluent = ConfluentRegistryAvroDeserializationSchema.forGeneric(SHADED_SCHEMA, SharedTestRegistry.url());
        confluent.open(null);
        GenericRecord theirs = confluent.deserialize(ours);

        assertEquals(event, fromShaded(theirs));
    }

    @Test
    void weReadWhatConfluentCodeWrites() throws Exception {
        String topic = "interop-" + UUID.randomUUID();
        UserEvent event = SampleEvents.full();
        var confluent = ConfluentRegistryAvroSerializationSchema.forGeneric(topic + "-value", SHADED_SCHEMA,
                SharedTestRegistry.url());
        confluent.open(null);
        byte[] theirs = confluent.serialize(toShaded(event));

        var ourClient = new SchemaRegistryClient(SharedTestRegistry.url());
        UserEvent read = new AvroWireCodec<>(UserEvent.class, ourClient, false).decode(theirs);

        assertEquals(event, read);
        assertEquals(ourClient.idOf(topic + "-value", UserEvent.getClassSchema()), WireFormat.schemaId(theirs));
    }

    private static GenericRecord toShaded(UserEvent event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(UserEvent.class).write(event, encoder);
        encoder.flush();
        var decoder = org.apache.flink.avro.shaded.org.apache.avro.io.DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
        return new GenericDatumReader<GenericRecord>(SHADED_SCHEMA).read(null, decoder);
    }

    private static UserEvent fromShaded(GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var encoder = org.apache.flink.avro.shaded.org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(SHADED_SCHEMA).write(record, encoder);
        encoder.flush();
        return new SpecificDatumReader<>(UserEvent.class).read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
