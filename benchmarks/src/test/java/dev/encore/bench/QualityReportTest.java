package dev.encore.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.methods.MethodSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report holds each method to its own target against the best baseline playing by the same rules. */
class QualityReportTest {
    @TempDir
    Path dir;

    @Test
    void theUpdatedModelIsHeldToOneTimesTheBestBaselineAndTheRecommenderToOnePointOne() throws Exception {
        Path json = dir.resolve("quality.json");
        Files.writeString(json, """
                {"command": "c", "date": "d", "machine": "m", "dataset": "x", "train": [], "test": [], "model_version": "v",
                 "protocols": {"streaming": {
                   "transitions": {"ndcg@10": 0.1000, "hr@10": 0.2, "mrr@10": 0.1},
                   "same-artist": {"ndcg@10": 0.0500, "hr@10": 0.1, "mrr@10": 0.05},
                   "%s": {"ndcg@10": 0.1050, "hr@10": 0.2, "mrr@10": 0.1},
                   "%s": {"ndcg@10": 0.1050, "hr@10": 0.2, "mrr@10": 0.1}}}}
                """.formatted(MethodSuite.MODEL_UPDATED, MethodSuite.LIVE));
        QualityReport.write(json, dir);
        String md = Files.readString(dir.resolve("quality.md"));
        assertTrue(md.contains(MethodSuite.MODEL_UPDATED + ": 1.05 x the best baseline under the same rules (transitions); "
                + "target >= 1.00: meets"), md);
        assertTrue(md.contains(MethodSuite.LIVE + ": 1.05 x the best baseline under the same rules (transitions); "
                + "target >= 1.10: falls short"), md);
        assertTrue(Files.size(dir.resolve("quality-streaming.png")) > 0);
    }
}
