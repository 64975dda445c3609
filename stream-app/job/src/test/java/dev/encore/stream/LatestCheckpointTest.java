package dev.encore.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatestCheckpointTest {
    @TempDir
    Path dir;

    private Path checkpoint(String job, String chk, long completedAtMillis) throws Exception {
        Path path = Files.createDirectories(dir.resolve(job).resolve(chk));
        if (completedAtMillis > 0) {
            Files.setLastModifiedTime(Files.writeString(path.resolve("_metadata"), "x"), FileTime.fromMillis(completedAtMillis));
        }
        return path;
    }

    @Test
    void theNewestCompleteCheckpointOfAnyRunWins() throws Exception {
        checkpoint("run-1", "chk-30", 3_000);
        Path newest = checkpoint("run-2", "chk-31", 4_000);
        checkpoint("run-2", "chk-32", 0); // being written: no _metadata yet
        Files.createDirectories(dir.resolve("run-2").resolve("shared"));
        assertEquals(Optional.of(newest), LatestCheckpoint.under(dir.toString()));
        assertEquals(Optional.of(newest), LatestCheckpoint.under(dir.toUri().toString()));
    }

    @Test
    void noCheckpointYetIsNotAnError() {
        assertEquals(Optional.empty(), LatestCheckpoint.under(dir.resolve("missing").toString()));
        assertEquals(Optional.empty(), LatestCheckpoint.under(dir.toString()));
    }
}
