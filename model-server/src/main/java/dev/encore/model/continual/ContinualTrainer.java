package dev.encore.model.continual;

import dev.encore.model.data.Interaction;
import dev.encore.model.sasrec.ModelArtifact;
import dev.encore.model.sasrec.TrainingDivergedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Keeps the attention model learning from the live stream: reads events, remembers those of the last
 * {@link ContinualModel.Policy#lookback}, and every {@link Schedule#every} of wall time or {@link Schedule#events}
 * new events (whichever comes first) warm-starts a new version from the one in force ({@link ContinualModel}),
 * saves it in the models folder (its parent and the data it saw in the manifest, the parent's ranking weights) and
 * deletes all but the newest {@link Schedule#keep} versions. Whatever watches the folder (the job's embedded
 * scoring, the model server) swaps to it without a restart.
 *
 * <p>Run: {@code model-server/bin/encore-model continual --bootstrap-servers ... --registry-url ...}; the local
 * stack runs it as its own process.
 */
public final class ContinualTrainer implements AutoCloseable {
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    /**
     * @param every  wall time between versions (when at least one new event came)
     * @param events new events that bring a version sooner
     * @param keep   versions kept in the folder, newest first (at least 2: the one in force and the next)
     */
    public record Schedule(Duration every, long events, int keep) {
        public Schedule {
            if (every.isNegative() || every.isZero() || events < 1 || keep < 2) {
                throw new IllegalArgumentException("schedule needs every > 0, events >= 1 and keep >= 2: " + every + ", "
                        + events + ", " + keep);
            }
        }
    }

    private final Path modelsDir;
    private final Schedule schedule;
    private final Clock clock;
    private final Consumer<String> log;
    private final ModelArtifact.Loaded base;
    private final ContinualModel model;
    private String version;
    private long newEvents;
    private Instant lastPublished;

    /** Starts from the newest version in {@code modelsDir}. */
    public ContinualTrainer(Path modelsDir, Schedule schedule, ContinualModel.Policy policy, Clock clock, Consumer<String> log)
            throws IOException {
        Path newest = ModelArtifact.newestIn(modelsDir).orElseThrow(() -> new IllegalArgumentException("no model in "
                + modelsDir.toAbsolutePath() + " to continue from: train one with 'encore-model train --models-dir " + modelsDir + "'"));
        this.modelsDir = modelsDir;
        this.schedule = schedule;
        this.clock = clock;
        this.log = log;
        this.base = ModelArtifact.load(newest);
        this.version = base.manifest().modelVersion();
        this.model = new ContinualModel(base.model(), version, policy, null, null);
        this.lastPublished = clock.instant();
        log.accept("continuing from model " + version + " in " + modelsDir + ": a new version every " + schedule.every()
                + " or " + schedule.events() + " new events, keeping " + schedule.keep());
    }

    /** The version in force (the newest this trainer published, or the one it started from). */
    public String version() {
        return version;
    }

    /** Reads what {@code source} has and publishes a version when one is due; returns the version published. */
    public Optional<String> step(EventSource source, Duration pollTimeout) {
        List<Interaction> events = source.poll(pollTimeout);
        events.forEach(model::remember);
        newEvents += events.size();
        boolean due = newEvents >= schedule.events()
                || (newEvents > 0 && !clock.instant().isBefore(lastPublished.plus(schedule.every())));
        if (!due) {
            return Optional.empty();
        }
        try {
            return Optional.of(publish());
        } catch (TrainingDivergedException e) {
            // The version in force keeps scoring; the next update starts from it again on fresher events.
            log.accept("update skipped, model " + version + " stays in force: " + e.getMessage());
            newEvents = 0;
            lastPublished = clock.instant();
            return Optional.empty();
        }
    }

    /** Steps until {@code stop} says so. */
    public void run(EventSource source, BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            step(source, Duration.ofSeconds(1));
        }
    }

    private String publish() {
        String next = "sasrec-" + VERSION.format(clock.instant());
        ContinualModel.Update update = model.update(next);
        Path dir = modelsDir.resolve(next);
        try {
            ModelArtifact.save(model.model(), update.report(), base.weights(), next,
                    new ModelArtifact.Lineage(version, "events topic", ModelArtifact.Lineage.span(update.events())), dir);
            prune();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model version " + next + " to " + modelsDir, e);
        }
        log.accept(String.format("published model %s (from %s): learned from %s; %,d tracks", next, version,
                ModelArtifact.Lineage.span(update.events()), model.model().vocabulary().size() - 2));
        version = next;
        newEvents = 0;
        lastPublished = clock.instant();
        return next;
    }

    /** Deletes all but the newest {@code keep} versions. */
    private void prune() throws IOException {
        List<Path> versions;
        try (var dirs = Files.list(modelsDir)) {
            versions = dirs.filter(d -> Files.isRegularFile(d.resolve("manifest.json")))
                    .sorted(Comparator.comparing((Path d) -> d.getFileName().toString()).reversed()).toList();
        }
        for (Path old : versions.subList(Math.min(schedule.keep(), versions.size()), versions.size())) {
            try (var files = Files.walk(old)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Override
    public void close() {
        model.close();
        base.close();
    }
}
