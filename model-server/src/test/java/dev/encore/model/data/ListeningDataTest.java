package dev.encore.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.schema.EventType;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.listening.PlaySkipRule;
import dev.encore.schemas.sdk.PlayerEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListeningDataTest {
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anEventDumpIsReadInTimeOrderWithSessionsCutByInactivity() throws IOException {
        Path dump = dir.resolve("events.avro");
        try (DataFileWriter<UserEvent> writer = new DataFileWriter<>(new SpecificDatumWriter<>(UserEvent.class))) {
            writer.create(UserEvent.getClassSchema(), dump.toFile());
            writer.append(PlayerEvents.play("u1", "t2", T0.plusSeconds(200), 190_000).setArtistId("a").build());
            writer.append(PlayerEvents.play("u1", "t1", T0, 180_000).setArtistId("a").build());
            writer.append(PlayerEvents.skip("u1", "t3", T0.plusSeconds(200 + 3600), 5_000).build());
        }

        List<Interaction> events = ListeningData.read(List.of(dump), PlaySkipRule.DEFAULT);

        assertEquals(List.of("t1", "t2", "t3"), events.stream().map(Interaction::trackId).toList());
        assertEquals(events.get(0).sessionId(), events.get(1).sessionId());
        assertNotEquals(events.get(1).sessionId(), events.get(2).sessionId(), "an hour apart: a new session");
        assertEquals(EventType.SKIP, events.get(2).type());
        assertEquals("", events.get(2).artistId());
    }

    @Test
    void aMissingFileSaysWhereTheDataIsExpected() {
        var error = assertThrows(IOException.class, () -> ListeningData.read(List.of(dir.resolve("nope.txt")), PlaySkipRule.DEFAULT));
        assertTrue(error.getMessage().contains("no listening data"), error.getMessage());
    }
}
