package dev.encore.model.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.methods.RankingWeights;
import dev.encore.model.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A newer version is swapped in with its own ranking weights; a broken one is skipped. */
class NewestModelTest {
    @TempDir
    Path models;

    @Test
    void aScorerAndItsOwnVersionsWeightsComeTogetherAcrossASwap() throws Exception {
        RankingWeights first = RankingWeights.blend(1f, 0f, 1f, 0f, 0.25f);
        RankingWeights second = RankingWeights.blend(1f, 0.5f, 0.5f, 0f, 2f);
        TinyModels.saveAs(models, "sasrec-20260101-000000", first);
        try (NewestModel newest = NewestModel.open(models)) {
            assertEquals("sasrec-20260101-000000 " + first, newest.use((s, w) -> s.modelVersion() + " " + w));
            assertFalse(newest.check(), "nothing newer yet");

            TinyModels.saveAs(models, "sasrec-20260102-000000", second);
            assertTrue(newest.check());
            assertEquals("sasrec-20260102-000000 " + second, newest.use((s, w) -> s.modelVersion() + " " + w));

            Path broken = Files.createDirectories(models.resolve("sasrec-20260103-000000"));
            Files.writeString(broken.resolve("manifest.json"), "{ not json");
            assertFalse(newest.check(), "a version that does not load is skipped");
            assertEquals("sasrec-20260102-000000", newest.modelVersion(), "and the running one keeps scoring");
        }
    }
}
