package dev.encore.schemas.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.local.SharedTestRegistry;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.registry.CompatibilityLevel;
import dev.encore.schemas.registry.IncompatibleSchemaException;
import dev.encore.schemas.registry.SchemaNotFoundException;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.registry.SubjectNotFoundException;
import dev.encore.schemas.serde.AvroWireCodec;
import dev.encore.schemas.serde.InvalidPayloadException;
import dev.encore.schemas.serde.PayloadProblem;
import dev.encore.schemas.serde.WireFormat;
import dev.encore.schemas.testing.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client and codec against a real registry (Apicurio, Confluent API): REST calls, evolution, bad bytes. */
class RealRegistryTest {
    private static SchemaRegistryClient client;

    @BeforeAll
    static void registry() {
        client = new SchemaRegistryClient(SharedTestRegistry.url());
    }

    private static String freshSubject() {
        return "test-" + UUID.randomUUID() + "-value";
    }

    @Test
    void registerLookUpFetchAndListVersions() {
        String subject = freshSubject();
        Schema schema = UserEvent.getClassSchema();

        int id = client.register(subject, schema);
        SchemaRegistryClient fresh = new SchemaRegistryClient(SharedTestRegistry.url());

        assertEquals(id, fresh.idOf(subject, schema));
        assertEquals(schema, fresh.schemaById(id));
        assertEquals(id, fresh.register(subject, schema), "registering the same schema again keeps its id");
        assertEquals(List.of(1), fresh.versions(subject));
    }

    @Test
    void missingSubjectsAndIdsAreTyped() {
        assertThrows(SubjectNotFoundException.class, () -> client.idOf(freshSubject(), UserEvent.getClassSchema()));
        assertThrows(SchemaNotFoundException.class, () -> client.schemaById(987_654));
    }

    @Test
    void compatibilityIsCheckedAndConfigurable() {
        String subject = freshSubject();
        client.register(subject, UserEvent.getClassSchema());

        assertEquals(CompatibilityLevel.BACKWARD, client.compatibility(subject));
        assertTrue(client.isCompatible(subject, v2Schema()));
        assertTrue(!client.isCompatible(subject, incompatibleSchema()));

        client.setCompatibility(subject, CompatibilityLevel.NONE);
        assertEquals(CompatibilityLevel.NONE, client.compatibility(subject));
        assertTrue(client.isCompatible(subject, incompatibleSchema()));
    }

    @Test
    void anIncompatibleChangeIsRejectedNamingSubjectAndRule() {
        String subject = freshSubject();
        client.register(subject, UserEvent.getClassSchema());

        var error = assertThrows(IncompatibleSchemaException.class, () -> client.register(subject, incompatibleSchema()));

        assertEquals(subject, error.subject());
        assertEquals(CompatibilityLevel.BACKWARD, error.rule());
        assertTrue(error.getMessage().contains(subject) && error.getMessage().contains("BACKWARD"), error.getMessage());
    }

    @Test
    void aV2EventWithAnAddedOptionalFieldIsReadByTheV1Reader() throws IOException {
        String topic = "evolve-" + UUID.randomUUID();
        String subject = topic + "-value";
        client.register(subject, UserEvent.getClassSchema());
        Schema v2 = v2Schema();
        int v2Id = client.register(subject, v2);
        UserEvent original = SampleEvents.full();

        GenericRecord asV2 = new GenericData.Record(v2);
        for (Schema.Field field : UserEvent.getClassSchema().getFields()) {
            asV2.put(field.name(), GenericData.get().deepCopy(field.schema(), original.get(field.pos())));
        }
        asV2.put("mood", "calm");
        byte[] bytes = wire(v2Id, v2, asV2);

        UserEvent read = new AvroWireCodec<>(UserEvent.class, client, false).decode(bytes);

        assertEquals(original, read);
    }

    @Test
    void eachKindOfBadBytesYieldsTheTypedExceptionWithTheBytes() throws IOException {
        String topic = "bad-" + UUID.randomUUID();
        var codec = new AvroWireCodec<>(UserEvent.class, client, true);
        byte[] good = codec.encode(topic, SampleEvents.full());
        int id = WireFormat.schemaId(good);
        Schema unrelated = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}");
        GenericRecord other = new GenericData.Record(unrelated);
        other.put("n", 1);
        int unrelatedId = client.register("unrelated-" + UUID.randomUUID(), unrelated);

        byte[] trailing = Arrays.copyOf(good, good.length + 3);
        byte[] corrupt = good.clone();
        corrupt[5] = (byte) 0x7f; // a huge negative string length for eventId

        assertProblem(PayloadProblem.EMPTY_PAYLOAD, codec, new byte[0]);
        assertProblem(PayloadProblem.BAD_MAGIC_BYTE, codec, concat(new byte[] {1}, Arrays.copyOfRange(good, 1, good.length)));
        assertProblem(PayloadProblem.TRUNCATED_HEADER, codec, Arrays.copyOf(good, 3));
        assertProblem(PayloadProblem.UNKNOWN_SCHEMA_ID, codec, concat(WireFormat.header(876_543), Arrays.copyOfRange(good, 5, good.length)));
        assertProblem(PayloadProblem.CORRUPT_AVRO, codec, Arrays.copyOf(good, good.length - 4));
        assertProblem(PayloadProblem.CORRUPT_AVRO, codec, trailing);
        assertProblem(PayloadProblem.CORRUPT_AVRO, codec, corrupt);
        assertProblem(PayloadProblem.INCOMPATIBLE_WRITER_SCHEMA, codec, wire(unrelatedId, unrelated, other));
        assertEquals(SampleEvents.full(), codec.decode(good), "the codec still reads good bytes of schema " + id);
    }

    private static void assertProblem(PayloadProblem expected, AvroWireCodec<UserEvent> codec, byte[] bytes) {
        var error = assertThrows(InvalidPayloadException.class, () -> codec.decode(bytes));
        assertEquals(expected, error.problem(), error.getMessage());
        assertArrayEquals(bytes, error.payload());
    }

    /** UserEvent plus an optional field, as the next version of the contract might add. */
    static Schema v2Schema() {
        String json = UserEvent.getClassSchema().toString()
                .replaceFirst("\"fields\":\\[", "\"fields\":[{\"name\":\"mood\",\"type\":[\"null\",\"string\"],\"default\":null},");
        return new Schema.Parser().parse(json);
    }

    /** UserEvent with trackId turned into an int: old data cannot be read with it. */
    static Schema incompatibleSchema() {
        String json = UserEvent.getClassSchema().toString()
                .replace("{\"name\":\"trackId\",\"type\":{\"type\":\"string\",\"avro.java.string\":\"String\"}}",
                        "{\"name\":\"trackId\",\"type\":\"int\"}");
        Schema schema = new Schema.Parser().parse(json);
        if (schema.getField("trackId").schema().getType() != Schema.Type.INT) {
            throw new IllegalStateException("test schema edit did not apply: " + json);
        }
        return schema;
    }

    static byte[] wire(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(WireFormat.header(id));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        GenericData withTimestamps = new GenericData();
        withTimestamps.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        new GenericDatumWriter<GenericRecord>(schema, withTimestamps).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
