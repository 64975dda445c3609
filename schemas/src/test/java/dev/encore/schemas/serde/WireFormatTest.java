package dev.encore.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WireFormatTest {
    @Test
    void headerIsMagicZeroThenBigEndianId() {
        assertArrayEquals(new byte[] {0, 0, 0, 1, 2}, WireFormat.header(258));
        assertArrayEquals(new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, WireFormat.header(Integer.MAX_VALUE));
    }

    @Test
    void schemaIdIsReadBack() {
        assertEquals(258, WireFormat.schemaId(new byte[] {0, 0, 0, 1, 2, 42}));
    }

    @Test
    void badHeadersNameTheirProblemAndKeepTheBytes() {
        byte[] magic = {1, 0, 0, 0, 1, 2};
        var error = assertThrows(InvalidPayloadException.class, () -> WireFormat.schemaId(magic));
        assertEquals(PayloadProblem.BAD_MAGIC_BYTE, error.problem());
        assertArrayEquals(magic, error.payload());

        assertEquals(PayloadProblem.EMPTY_PAYLOAD,
                assertThrows(InvalidPayloadException.class, () -> WireFormat.schemaId(new byte[0])).problem());
        assertEquals(PayloadProblem.TRUNCATED_HEADER,
                assertThrows(InvalidPayloadException.class, () -> WireFormat.schemaId(new byte[] {0, 0, 1})).problem());
    }
}
