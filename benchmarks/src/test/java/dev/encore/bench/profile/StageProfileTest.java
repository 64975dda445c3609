package dev.encore.bench.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.scoring.ModelBatchEvent;
import dev.encore.stream.StageReachedEvent;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageProfileTest {

    @Test
    void latencyByStageIsReadInTheOrderAnEventPassesTheStages(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stages.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(StageReachedEvent.NAME);
            recording.start();
            long now = System.currentTimeMillis();
            // Marked out of order, as subtasks of different stages would: the report must still follow the pipeline.
            for (int i = 0; i < 100; i++) {
                StageReachedEvent.mark(StageReachedEvent.SINK, now - 400 - i);
                StageReachedEvent.mark(StageReachedEvent.DECODED, now - 1_000);
            }
            StageReachedEvent.mark(StageReachedEvent.SCORED, now - 5_000);
            recording.stop();
            recording.dump(file);
        }

        var reached = StageProfile.of(file).reached();

        assertEquals(List.of(StageReachedEvent.DECODED, StageReachedEvent.SCORED, StageReachedEvent.SINK),
                reached.stream().map(StageProfile.Reached::stage).toList());
        assertEquals(List.of(100L, 1L, 100L), reached.stream().map(StageProfile.Reached::events).toList());
        // Measured when marked, so at least as long as the offsets above; the slack is the test's own run time.
        double decoded = reached.get(0).p50Ms();
        assertTrue(decoded >= 1_000 && decoded < 6_000, "decoded p50 " + decoded);
        StageProfile.Reached sink = reached.get(2);
        assertTrue(sink.p50Ms() >= 449 && sink.p50Ms() < 5_449, "sink p50 " + sink.p50Ms());
        assertTrue(sink.p99Ms() >= sink.p90Ms() && sink.p90Ms() > sink.p50Ms() + 30, sink.toString());
    }

    @Test
    void nothingIsRecordedUnlessARecordingNamesTheEvent(@TempDir Path dir) throws Exception {
        StageReachedEvent.mark(StageReachedEvent.DECODED, 0);
        Path file = dir.resolve("other.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(ModelBatchEvent.NAME);
            recording.start();
            StageReachedEvent.mark(StageReachedEvent.DECODED, 0);
            recording.stop();
            recording.dump(file);
        }

        assertEquals(List.of(), StageProfile.of(file).reached());
    }
}
