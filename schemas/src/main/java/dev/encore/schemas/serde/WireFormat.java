package dev.encore.schemas.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: byte 0 is the magic byte 0, bytes 1-4 the schema id (big-endian), then the
 * Avro binary body.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Checks the header and returns the schema id; the body starts at {@link #HEADER_SIZE}. */
    public static int schemaId(byte[] bytes) {
        if (bytes.length == 0) {
            throw new InvalidPayloadException(PayloadProblem.EMPTY_PAYLOAD, "no bytes", bytes, null);
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new InvalidPayloadException(PayloadProblem.BAD_MAGIC_BYTE,
                    String.format("first byte is 0x%02x, expected 0x00", bytes[0]), bytes, null);
        }
        if (bytes.length < HEADER_SIZE) {
            throw new InvalidPayloadException(PayloadProblem.TRUNCATED_HEADER,
                    bytes.length + " bytes, the header alone has " + HEADER_SIZE, bytes, null);
        }
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    /** The 5-byte header for {@code schemaId}. */
    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }
}
