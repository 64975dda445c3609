package dev.encore.stream.scoring;

import dev.encore.model.methods.RankingWeights;
import dev.encore.model.sasrec.ModelArtifact;
import dev.encore.model.scoring.HttpScorer;
import dev.encore.model.scoring.SasRecScorer;
import dev.encore.model.scoring.Scorer;
import dev.encore.stream.JobConfig;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the scorer the configuration asks for, and reads the ranking weights stored with the newest model
 * (the defaults when there is none). Serializable, so each parallel rescoring task opens its own.
 */
public record ScorerFactory(JobConfig.ScoringMode mode, String modelsDir, String serverUrl, java.time.Duration timeout)
        implements Serializable {

    public static ScorerFactory from(JobConfig config) {
        return new ScorerFactory(config.scoringMode(), config.modelsDir(), config.modelServerUrl(), config.scoringTimeout());
    }

    /** The scorer, or empty when scoring is off. */
    public Optional<Scorer> open() {
        return switch (mode) {
            case OFF -> Optional.empty();
            case REMOTE -> Optional.of(new HttpScorer(serverUrl, timeout));
            case EMBEDDED -> {
                Path dir = newestModel().orElseThrow(() -> new IllegalStateException("no model under " + modelsDir
                        + ": train one with `model-server/bin/encore-model train`, or set scoring.mode=off"));
                try {
                    ModelArtifact.Loaded loaded = ModelArtifact.load(dir);
                    yield Optional.of(new SasRecScorer(loaded.model(), loaded.manifest().modelVersion()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot load the model at " + dir, e);
                }
            }
        };
    }

    /**
     * Checks before the job starts what would otherwise fail in every task: an embedded model must exist.
     *
     * @throws JobConfig.ConfigException naming the fix
     */
    public void check() {
        if (mode == JobConfig.ScoringMode.EMBEDDED && newestModel().isEmpty()) {
            throw new JobConfig.ConfigException("no model under " + Path.of(modelsDir).toAbsolutePath()
                    + ": train one with `model-server/bin/encore-model train`, point scoring.models-dir at one, or set scoring.mode=off");
        }
    }

    /** The weights tuned with the newest model under the models folder, else the hand-set defaults. */
    public RankingWeights weights() {
        try {
            Optional<Path> dir = newestModel();
            return dir.isPresent() ? ModelArtifact.readWeights(dir.get()) : RankingWeights.DEFAULT;
        } catch (IOException e) {
            return RankingWeights.DEFAULT;
        }
    }

    private Optional<Path> newestModel() {
        try {
            return ModelArtifact.newestIn(Path.of(modelsDir));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
