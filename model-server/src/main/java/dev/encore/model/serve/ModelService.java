package dev.encore.model.serve;

import dev.encore.model.scoring.NewestModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** The model server as a whole: the newest model version (watched for newer ones) and the HTTP front with its batcher. */
public final class ModelService implements AutoCloseable {
    private final NewestModel models;
    private final ModelServer server;

    private ModelService(NewestModel models, ModelServer server) {
        this.models = models;
        this.server = server;
    }

    public static ModelService start(Path modelsDir, int port, int maxBatch, Duration maxWait, Duration watchEvery)
            throws IOException {
        NewestModel models = NewestModel.open(modelsDir);
        ModelServer server;
        try {
            server = new ModelServer(models.scorer(), models::rankingOf, port, maxBatch, maxWait);
        } catch (java.net.BindException e) {
            models.close();
            throw new IllegalArgumentException("port " + port + " is already taken: choose another with --port");
        }
        models.watch(watchEvery);
        return new ModelService(models, server);
    }

    public int port() {
        return server.port();
    }

    public String modelVersion() {
        return models.modelVersion();
    }

    /** Looks for a new version now instead of waiting for the timer; returns whether it swapped. */
    public boolean checkForNewModel() {
        return models.check();
    }

    @Override
    public void close() {
        server.close();
        models.close();
    }
}
