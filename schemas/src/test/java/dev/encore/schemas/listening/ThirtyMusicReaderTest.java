package dev.encore.schemas.listening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.schema.UserEvent;
import dev.encore.schemas.testing.SampleEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThirtyMusicReaderTest {
    private static final String HEADER = "UserId\tSessionId\tItemId\tTime\tArtistId\n";
    private final ThirtyMusicReader reader = new ThirtyMusicReader(PlaySkipRule.DEFAULT);

    @TempDir
    Path dir;

    @Test
    void malformedLinesAreReportedWithLineNumbersAndSkipped() throws IOException {
        Path file = write("log.txt", HEADER
                + "1\t10\t100\t1397982525\t7\n"
                + "1\t10\t101\tyesterday\t7\n"
                + "1\t10\n"
                + "\n"
                + "2\t10\t102\t1397982600\t8\n"
                + "1\t10\t103\t1397982700\t7\n");

        ListeningLog log = reader.read(List.of(file));

        assertEquals(6, log.linesRead());
        assertEquals(List.of(3L, 4L, 6L), log.malformed().stream().map(MalformedLine::line).toList());
        assertTrue(log.malformed().get(0).reason().contains("yesterday"));
        assertEquals(List.of("100", "103"), log.listens().stream().map(l -> l.row().trackId()).toList());
    }

    @Test
    void sessionsAreOrderedByTimeAndMergedAcrossUsersInEventTimeOrder() throws IOException {
        Path file = write("log.txt", HEADER
                + "1\t10\t100\t1000000100\t7\n"
                + "1\t10\t101\t1000000000\t7\n"   // out of order within its session
                + "2\t20\t200\t1000000050\t8\n");

        List<Listen> listens = reader.read(List.of(file)).listens();

        assertEquals(List.of("101", "200", "100"), listens.stream().map(l -> l.row().trackId()).toList());
        for (int i = 1; i < listens.size(); i++) {
            assertTrue(!listens.get(i).eventTime().isBefore(listens.get(i - 1).eventTime()));
        }
    }

    @Test
    void aWrongHeaderOrMissingFileFails() throws IOException {
        Path file = write("other.csv", "user,track\n1,2\n");
        var error = assertThrows(IOException.class, () -> reader.read(List.of(file)));
        assertTrue(error.getMessage().contains("UserId SessionId ItemId Time ArtistId"), error.getMessage());
        assertThrows(IOException.class, () -> reader.read(List.of(dir.resolve("missing.txt"))));
    }

    @Test
    void theBundledRealSampleReadsCompletelyWithStableDistinctIds() throws IOException {
        ListeningLog log = reader.read(List.of(SampleEvents.SAMPLE));

        assertEquals(23_718, log.linesRead());
        assertEquals(List.of(), log.malformed());
        assertEquals(23_718, log.listens().size());
        assertEquals(932, log.listens().stream().map(l -> l.row().userId()).distinct().count());
        Set<String> ids = new HashSet<>();
        log.listens().forEach(l -> ids.add(l.toUserEvent().getEventId()));
        assertEquals(23_718, ids.size());
        UserEvent first = log.listens().get(0).toUserEvent();
        assertEquals(first, reader.read(List.of(SampleEvents.SAMPLE)).listens().get(0).toUserEvent());
        assertNotEquals(0, log.listens().stream().filter(l -> l.type() == dev.encore.schema.EventType.SKIP).count());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
