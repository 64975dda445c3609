package dev.encore.stream.ingest;

import dev.encore.schema.UserEvent;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes events as a player on a newer version of the event schema would: the newer schema is registered under
 * the events subject (the registry refuses it unless it is compatible), and each event is re-encoded with it.
 * The job reads them with the schema it was built with.
 */
public final class NewerProducer {
    private final Schema schema;
    private final int schemaId;

    public NewerProducer(SchemaRegistryClient registry, Schema newer) {
        this.schema = newer;
        this.schemaId = registry.register(Topics.EVENTS.valueSubject(), newer);
    }

    /** The event schema with one more optional string field (null by default): the usual compatible addition. */
    public static Schema withOptionalField(String name) {
        String json = UserEvent.getClassSchema().toString();
        String end = "]}";
        if (!json.endsWith(end)) {
            throw new IllegalStateException("unexpected event schema text");
        }
        return parse(json.substring(0, json.length() - end.length())
                + ",{\"name\":\"" + name + "\",\"type\":[\"null\",\"string\"],\"default\":null}" + end);
    }

    /** The event schema with one more event type, which readers on this version see as their enum default. */
    public static Schema withEventType(String symbol) {
        String json = UserEvent.getClassSchema().toString();
        String symbols = "\"symbols\":[\"UNKNOWN\",\"PLAY\",\"SKIP\",\"LIKE\",\"DISLIKE\"]";
        if (!json.contains(symbols)) {
            throw new IllegalStateException("the event type enum changed: update NewerProducer.withEventType");
        }
        return parse(json.replace(symbols, symbols.replace("]", ",\"" + symbol + "\"]")));
    }

    /** {@code wire} (an event in the wire format of this version) written with the newer schema, with {@code fields} set. */
    public byte[] encode(byte[] wire, Map<String, Object> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(WireFormat.MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
        try {
            GenericRecord record = new GenericDatumReader<GenericRecord>(UserEvent.getClassSchema(), schema).read(null,
                    DecoderFactory.get().binaryDecoder(wire, WireFormat.HEADER_SIZE, wire.length - WireFormat.HEADER_SIZE, null));
            fields.forEach((name, value) -> {
                Schema field = schema.getField(name).schema();
                record.put(name, field.getType() == Schema.Type.ENUM ? new GenericData.EnumSymbol(field, value.toString()) : value);
            });
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an event with the newer schema", e);
        }
        return out.toByteArray();
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
