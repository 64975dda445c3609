package dev.encore.model.serve;

import dev.encore.model.sasrec.ModelArtifact;
import dev.encore.model.scoring.SasRecScorer;
import dev.encore.model.scoring.Scorer;
import dev.encore.model.scoring.ScorerHolder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the models directory and hot-swaps to the newest version when one lands there. A version that
 * fails to load is logged and skipped; the running one keeps serving.
 */
final class ModelWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

    private final Path modelsDir;
    private final ScorerHolder holder;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "model-watcher");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Path loaded;
    private Path failed;

    ModelWatcher(Path modelsDir, ScorerHolder holder, Path alreadyLoaded) {
        this.modelsDir = modelsDir;
        this.holder = holder;
        this.loaded = alreadyLoaded;
    }

    void start(Duration every) {
        timer.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Loads the newest version if it is not the one serving; returns whether it swapped. */
    synchronized boolean check() {
        try {
            Optional<Path> newest = ModelArtifact.newestIn(modelsDir);
            if (newest.isEmpty() || newest.get().equals(loaded) || newest.get().equals(failed)) {
                return false;
            }
            ModelArtifact.Loaded next = ModelArtifact.load(newest.get());
            Scorer previous = holder.swap(new SasRecScorer(next.model(), next.manifest().modelVersion()));
            if (previous != null) {
                previous.close();
            }
            LOG.info("now serving model {} from {}", next.manifest().modelVersion(), newest.get());
            loaded = newest.get();
            return true;
        } catch (Exception e) {
            LOG.error("cannot load the new model version, still serving the previous one: {}", e.getMessage());
            try {
                failed = ModelArtifact.newestIn(modelsDir).orElse(null);
            } catch (Exception ignored) {
                // the next check reports it again
            }
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
