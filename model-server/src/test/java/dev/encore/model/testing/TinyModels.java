package dev.encore.model.testing;

import dev.encore.model.data.Interaction;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.sasrec.ModelArtifact;
import dev.encore.model.sasrec.SasRecConfig;
import dev.encore.model.sasrec.SasRecTrainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** A tiny attention model trained once per test JVM on the start of the real sample, for tests of plumbing. */
public final class TinyModels {
    public static final SasRecConfig TINY = new SasRecConfig(20, 16, 1, 1, 0.1f, 64, 5e-3f, 1, 1, 32, 11, 0f, 0);
    private static SasRecTrainer.Result trained;

    private TinyModels() {
    }

    public static synchronized SasRecTrainer.Result trained() {
        if (trained == null) {
            List<Interaction> events = SampleData.events().subList(0, 3000);
            trained = new SasRecTrainer(TINY).train(events.subList(0, 2700), events.subList(2700, 3000), null);
        }
        return trained;
    }

    /** Saves the tiny model as version {@code version} under {@code modelsDir}. */
    public static Path saveAs(Path modelsDir, String version) {
        return saveAs(modelsDir, version, RankingWeights.DEFAULT);
    }

    /** Saves the tiny model as version {@code version} with these ranking weights. */
    public static Path saveAs(Path modelsDir, String version, RankingWeights weights) {
        try {
            Path dir = modelsDir.resolve(version);
            ModelArtifact.save(trained().model(), trained().report(), weights, version, ModelArtifact.Lineage.fresh("test", "sample"), dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Real track ids of the sample, to use as candidates and history. */
    public static List<String> tracks(int n) {
        return SampleData.events().stream().map(Interaction::trackId).distinct().limit(n).toList();
    }
}
