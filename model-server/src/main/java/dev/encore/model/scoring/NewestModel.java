package dev.encore.model.scoring;

import dev.encore.model.methods.RankingWeights;
import dev.encore.model.sasrec.ModelArtifact;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest model version in a models directory, hot-swapped when a newer one lands there (a training, a warm
 * start, a continual trainer): loaded beside the running one, then exchanged through a {@link ScorerHolder}, so
 * no request fails and none is answered by half of each. Each version comes with the ranking weights learned with
 * it, and {@link #use} hands out a scorer and its own version's weights together. A version that fails to load
 * is logged once and skipped; the running one keeps scoring. The model server and the stream job's embedded
 * scoring both run through it.
 */
public final class NewestModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NewestModel.class);

    private final Path modelsDir;
    private final ScorerHolder holder;
    /** The ranking weights of the versions loaded or used last ({@link RecentVersions}): the one in force among them. */
    private final Map<String, RankingWeights> weights = RecentVersions.map();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "model-watcher");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Path loaded;
    private Path failed;

    private NewestModel(Path modelsDir, ModelArtifact.Loaded first, Path dir) {
        this.modelsDir = modelsDir;
        this.loaded = dir;
        weights.put(first.manifest().modelVersion(), first.weights());
        this.holder = new ScorerHolder(new SasRecScorer(first.model(), first.manifest().modelVersion()));
    }

    /** Loads the newest version in {@code modelsDir}; fails with the fix when there is none. */
    public static NewestModel open(Path modelsDir) throws IOException {
        Path newest = ModelArtifact.newestIn(modelsDir).orElseThrow(() -> new IllegalArgumentException(
                "no model in " + modelsDir.toAbsolutePath() + ": train one with 'encore-model train --models-dir "
                        + modelsDir + "'"));
        return new NewestModel(modelsDir, ModelArtifact.load(newest), newest);
    }

    /** Checks for a newer version every {@code every} from now on. */
    public NewestModel watch(Duration every) {
        timer.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The scorer of whichever version is in force (a {@link ScorerHolder}). */
    public ScorerHolder scorer() {
        return holder;
    }

    /** Runs {@code work} with the scorer in force and the ranking weights learned with that same version. */
    public <T> T use(BiFunction<Scorer, RankingWeights, T> work) {
        return holder.use(s -> work.apply(s, weights.get(s.modelVersion())));
    }

    public String modelVersion() {
        return holder.modelVersion();
    }

    /** The ranking weights learned with {@code version}, if this process loaded that version. */
    public Optional<RankingWeights> rankingOf(String version) {
        return Optional.ofNullable(weights.get(version));
    }

    /** Loads the newest version if it is not the one in force; returns whether it swapped. */
    public synchronized boolean check() {
        try {
            Optional<Path> newest = ModelArtifact.newestIn(modelsDir);
            if (newest.isEmpty() || newest.get().equals(loaded) || newest.get().equals(failed)) {
                return false;
            }
            ModelArtifact.Loaded next = ModelArtifact.load(newest.get());
            String version = next.manifest().modelVersion();
            weights.put(version, next.weights());
            Scorer previous = holder.swap(new SasRecScorer(next.model(), version));
            if (previous != null) {
                previous.close();
            }
            LOG.info("now scoring with model {} (ranking {}) from {}", version, next.weights(), newest.get());
            loaded = newest.get();
            return true;
        } catch (Exception e) {
            LOG.error("cannot load the new model version, still scoring with the previous one: {}", e.getMessage());
            try {
                failed = ModelArtifact.newestIn(modelsDir).orElse(null);
            } catch (IOException ignored) {
                // the next check reports it again
            }
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        holder.close();
    }
}
