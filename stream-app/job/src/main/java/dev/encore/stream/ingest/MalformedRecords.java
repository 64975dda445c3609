package dev.encore.stream.ingest;

import dev.encore.schema.TrackMetadata;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.AvroWireCodec;
import dev.encore.schemas.serde.PayloadProblem;
import dev.encore.schemas.serde.WireFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Every kind of bad record a player, a buggy producer or a stray client can put on the events topic, each made
 * from a real event, with the reason the job must dead-letter it for. Tests and drills mix them into real traffic.
 *
 * <pre>
 * MalformedRecords bad = new MalformedRecords(registry, new Random(7));
 * MalformedRecords.Malformed record = bad.make(MalformedRecords.Kind.TRUNCATED_AVRO, event);
 * </pre>
 */
public final class MalformedRecords {
    /** What is wrong with a record. */
    public enum Kind {
        BAD_MAGIC_BYTE(PayloadProblem.BAD_MAGIC_BYTE.name()),
        UNKNOWN_SCHEMA_ID(PayloadProblem.UNKNOWN_SCHEMA_ID.name()),
        TRUNCATED_AVRO(PayloadProblem.CORRUPT_AVRO.name()),
        WRONG_WRITER_SCHEMA(PayloadProblem.INCOMPATIBLE_WRITER_SCHEMA.name()),
        NULL_KEY(EventDecoder.KEY_NOT_USER),
        UNKNOWN_ENUM_SYMBOL(EventDecoder.INVALID_EVENT),
        ABSURD_TIMESTAMP(EventDecoder.INVALID_EVENT),
        OVERSIZED(EventDecoder.OVERSIZED),
        EMPTY_VALUE(PayloadProblem.EMPTY_PAYLOAD.name());

        private final String reason;

        Kind(String reason) {
            this.reason = reason;
        }

        /** The dead-letter reason the job must give. */
        public String reason() {
            return reason;
        }
    }

    /** A bad record ready to send to the events topic, and the reason it must be dead-lettered for. */
    public record Malformed(Kind kind, byte[] key, byte[] value) {
        public String expectedReason() {
            return kind.reason();
        }
    }

    /** A symbol a newer producer might send that this version of the contract does not know. */
    static final String FUTURE_EVENT_TYPE = "SHARE";
    /** Far above any schema id a registry hands out in our lifetime, so never registered. */
    private static final int UNREGISTERED_SCHEMA_ID = Integer.MAX_VALUE - 7;

    private final AvroWireCodec<UserEvent> events;
    private final int foreignSchemaId;
    private final NewerProducer futureProducer;
    private final Random random;

    /**
     * Registers what the kinds need: the track-metadata schema (written where an event is expected) and a newer
     * event schema with one more event type, both compatible additions to their subjects.
     */
    public MalformedRecords(SchemaRegistryClient registry, Random random) {
        this.events = new AvroWireCodec<>(UserEvent.class, registry, false);
        this.foreignSchemaId = registry.register(Topics.TRACK_METADATA.valueSubject(), TrackMetadata.getClassSchema());
        this.futureProducer = new NewerProducer(registry, NewerProducer.withEventType(FUTURE_EVENT_TYPE));
        this.random = random;
    }

    public Malformed make(Kind kind, UserEvent event) {
        byte[] key = event.getUserId().getBytes(StandardCharsets.UTF_8);
        byte[] good = events.encode(Topics.EVENTS.name(), event);
        return switch (kind) {
            case BAD_MAGIC_BYTE -> {
                byte[] bytes = good.clone();
                bytes[0] = (byte) (1 + random.nextInt(255));
                yield new Malformed(kind, key, bytes);
            }
            case UNKNOWN_SCHEMA_ID -> new Malformed(kind, key, withSchemaId(good, UNREGISTERED_SCHEMA_ID));
            // Cut inside the body: the header is whole, the record is not.
            case TRUNCATED_AVRO -> new Malformed(kind, key, Arrays.copyOf(good, WireFormat.HEADER_SIZE
                    + random.nextInt(Math.max(1, (good.length - WireFormat.HEADER_SIZE) / 2))));
            case WRONG_WRITER_SCHEMA -> new Malformed(kind, key, withSchemaId(good, foreignSchemaId));
            case NULL_KEY -> new Malformed(kind, null, good);
            case UNKNOWN_ENUM_SYMBOL -> new Malformed(kind, key,
                    futureProducer.encode(good, Map.of("type", FUTURE_EVENT_TYPE)));
            case ABSURD_TIMESTAMP -> new Malformed(kind, key, events.encode(Topics.EVENTS.name(), UserEvent.newBuilder(event)
                    .setEventTime(random.nextBoolean() ? Instant.ofEpochMilli(-1_000_000L) : Instant.parse("2999-01-01T00:00:00Z"))
                    .build()));
            case OVERSIZED -> {
                byte[] bytes = Arrays.copyOf(good, EventDecoder.MAX_EVENT_BYTES + 1 + random.nextInt(512 * 1024));
                yield new Malformed(kind, key, bytes);
            }
            case EMPTY_VALUE -> new Malformed(kind, key, new byte[0]);
        };
    }

    private static byte[] withSchemaId(byte[] wire, int schemaId) {
        byte[] bytes = wire.clone();
        ByteBuffer.wrap(bytes, 1, 4).putInt(schemaId);
        return bytes;
    }
}
