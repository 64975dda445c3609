package dev.encore.model.serve;

import dev.encore.model.sasrec.ModelArtifact;
import dev.encore.model.scoring.SasRecScorer;
import dev.encore.model.scoring.ScorerHolder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** The model server as a whole: the newest model loaded, the HTTP front with its batcher, and the watcher. */
public final class ModelService implements AutoCloseable {
    private final ScorerHolder holder;
    private final ModelServer server;
    private final ModelWatcher watcher;

    private ModelService(ScorerHolder holder, ModelServer server, ModelWatcher watcher) {
        this.holder = holder;
        this.server = server;
        this.watcher = watcher;
    }

    public static ModelService start(Path modelsDir, int port, int maxBatch, Duration maxWait, Duration watchEvery)
            throws IOException {
        Path newest = ModelArtifact.newestIn(modelsDir).orElseThrow(() -> new IllegalArgumentException(
                "no model in " + modelsDir.toAbsolutePath() + ": train one with 'encore-model train --models-dir "
                        + modelsDir + "'"));
        ModelArtifact.Loaded loaded = ModelArtifact.load(newest);
        ScorerHolder holder = new ScorerHolder(new SasRecScorer(loaded.model(), loaded.manifest().modelVersion()));
        ModelServer server;
        try {
            server = new ModelServer(holder, port, maxBatch, maxWait);
        } catch (java.net.BindException e) {
            holder.close();
            throw new IllegalArgumentException("port " + port + " is already taken: choose another with --port");
        }
        ModelWatcher watcher = new ModelWatcher(modelsDir, holder, newest);
        watcher.start(watchEvery);
        return new ModelService(holder, server, watcher);
    }

    public int port() {
        return server.port();
    }

    public String modelVersion() {
        return holder.modelVersion();
    }

    /** Looks for a new version now instead of waiting for the timer; returns whether it swapped. */
    public boolean checkForNewModel() {
        return watcher.check();
    }

    @Override
    public void close() {
        watcher.close();
        server.close();
        holder.close();
    }
}
