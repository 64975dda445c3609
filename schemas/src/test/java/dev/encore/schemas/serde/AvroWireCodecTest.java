package dev.encore.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.schema.UserEvent;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.testing.SampleEvents;
import dev.encore.schemas.testing.StubRegistry;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Wire bytes and the serializer's registry use, against canned registry answers. */
class AvroWireCodecTest {
    private final StubRegistry stub = new StubRegistry();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void encodesHeaderThenPlainAvroBinary() throws Exception {
        stub.answerLookup("t-value", 258);
        var codec = new AvroWireCodec<>(UserEvent.class, new SchemaRegistryClient(stub.url()), false);
        UserEvent event = SampleEvents.full();

        byte[] bytes = codec.encode("t", event);

        ByteArrayOutputStream expectedBody = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expectedBody, null);
        new SpecificDatumWriter<>(UserEvent.class).write(event, encoder);
        encoder.flush();
        assertArrayEquals(new byte[] {0, 0, 0, 1, 2}, Arrays.copyOf(bytes, 5));
        assertArrayEquals(expectedBody.toByteArray(), Arrays.copyOfRange(bytes, 5, bytes.length));
    }

    @Test
    void lookupHappensOncePerSubjectAndDecodeNeedsNoRequest() {
        stub.answerLookup("t-value", 5);
        SchemaRegistryClient client = new SchemaRegistryClient(stub.url());
        var codec = new AvroWireCodec<>(UserEvent.class, client, false);

        byte[] first = codec.encode("t", SampleEvents.full());
        codec.encode("t", SampleEvents.full());
        UserEvent back = codec.decode(first);

        assertEquals(SampleEvents.full(), back);
        assertEquals(1, stub.requestCount());
    }

    @Test
    void unregisteredSchemaWithoutAutoRegistrationSaysHowToFixIt() {
        var codec = new AvroWireCodec<>(UserEvent.class, new SchemaRegistryClient(stub.url()), false);
        var error = assertThrows(IllegalStateException.class, () -> codec.encode("nothing-here", SampleEvents.full()));
        assertTrue(error.getMessage().contains("nothing-here-value") && error.getMessage().contains(SerdeConfig.AUTO_REGISTER),
                error.getMessage());
    }
}
