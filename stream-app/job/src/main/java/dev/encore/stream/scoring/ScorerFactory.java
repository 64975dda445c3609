package dev.encore.stream.scoring;

import dev.encore.model.methods.RankingWeights;
import dev.encore.model.sasrec.ModelArtifact;
import dev.encore.model.scoring.HttpScorer;
import dev.encore.model.scoring.NewestModel;
import dev.encore.model.scoring.Scorer;
import dev.encore.stream.JobConfig;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the model the configuration asks for: embedded, the newest version under the models folder, watched for
 * newer ones ({@link NewestModel}); remote, a model server. Also reads the ranking weights stored with the newest
 * model (the defaults when there is none) for what is ranked without a model's answer. Serializable, so each
 * parallel rescoring task opens its own.
 */
public record ScorerFactory(JobConfig.ScoringMode mode, String modelsDir, String serverUrl, java.time.Duration timeout,
                            java.time.Duration checkEvery) implements Serializable {

    public static ScorerFactory from(JobConfig config) {
        return new ScorerFactory(config.scoringMode(), config.modelsDir(), config.modelServerUrl(), config.scoringTimeout(),
                config.modelCheckInterval());
    }

    /** The embedded model, watched for newer versions; fails with the fix when there is none. */
    public NewestModel openEmbedded() {
        try {
            return NewestModel.open(Path.of(modelsDir)).watch(checkEvery);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage() + ", or set scoring.mode=off");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the newest model under " + modelsDir, e);
        }
    }

    /** The model server's scorer. */
    public HttpScorer openRemote() {
        return new HttpScorer(serverUrl, timeout);
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
