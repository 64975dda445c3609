package dev.encore.model.continual;

import dev.encore.model.data.Interaction;
import dev.encore.model.sasrec.SasRecModel;
import dev.encore.model.sasrec.SasRecTrainer;
import dev.encore.model.scoring.RememberingScorer;
import dev.encore.model.scoring.SasRecScorer;
import dev.encore.model.scoring.Scorer;
import dev.encore.model.scoring.ScorerHolder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The attention model as it keeps learning from the event stream: it remembers the events of the last
 * {@link Policy#lookback}, and on {@link #update} (or, through {@link #observe}, every {@code every} of event
 * time) warm-starts a new version from the current one on them ({@link SasRecTrainer#continueFrom}: tracks first seen since join the vocabulary) and swaps it in
 * through a {@link ScorerHolder}. The offline streaming evaluation runs it on the test period's event time, as a
 * trainer would on the live stream. Single-threaded; not for concurrent observers.
 */
public final class ContinualModel implements AutoCloseable {

    /**
     * @param lookback     the events an update learns from: those of this much event time before it
     * @param epochs       passes over them per update
     * @param learningRate of the update (lower than a full training's, so that one update does not undo the parent)
     */
    public record Policy(Duration lookback, int epochs, float learningRate) {
        public static final Policy DEFAULT = new Policy(Duration.ofHours(48), 2, 2e-3f);

        public Policy {
            if (lookback.isNegative() || lookback.isZero() || epochs < 1 || learningRate <= 0) {
                throw new IllegalArgumentException("update policy needs lookback > 0, epochs >= 1, learning rate > 0: "
                        + lookback + ", " + epochs + ", " + learningRate);
            }
        }
    }

    private final Policy policy;
    private final Duration every;
    private final String baseVersion;
    private final ScorerHolder scorer;
    private final ArrayDeque<Interaction> recent = new ArrayDeque<>();
    private final Consumer<String> progress;
    private SasRecModel current;
    private boolean ownsCurrent;
    private Instant nextUpdate;
    private int updates;

    /**
     * Starts from {@code initial}, which stays the caller's to close.
     *
     * @param every event time between the updates {@link #observe} makes (null: only explicit {@link #update}s)
     */
    public ContinualModel(SasRecModel initial, String version, Policy policy, Duration every, Consumer<String> progress) {
        if (every != null && (every.isNegative() || every.isZero())) {
            throw new IllegalArgumentException("updates every " + every + ": give a positive time");
        }
        this.policy = policy;
        this.every = every;
        this.baseVersion = version;
        this.current = initial;
        this.progress = progress;
        this.scorer = new ScorerHolder(scorerOf(initial, version));
    }

    /** The model in force now (replaced by each update). */
    public SasRecModel model() {
        return current;
    }

    /** Scores with the model in force; answers are remembered per version, as evaluations ask the same questions. */
    public Scorer scorer() {
        return scorer;
    }

    public int updates() {
        return updates;
    }

    /**
     * Remembers an event once it has been predicted; when its time passes the next update time, updates first
     * (the event is then part of what the update learns).
     */
    public void observe(Interaction event) {
        remember(event);
        if (every == null) {
            return;
        }
        if (nextUpdate == null) {
            nextUpdate = event.time().plus(every);
        } else if (!event.time().isBefore(nextUpdate)) {
            update(baseVersion + "+u" + (updates + 1));
            while (!event.time().isBefore(nextUpdate)) {
                nextUpdate = nextUpdate.plus(every);
            }
        }
    }

    /** Remembers an event for the next update, forgetting those older than the lookback (by event time). */
    public void remember(Interaction event) {
        recent.addLast(event);
        Instant horizon = event.time().minus(policy.lookback());
        while (!recent.isEmpty() && recent.peekFirst().time().isBefore(horizon)) {
            recent.removeFirst();
        }
    }

    /** How many events the next update would learn from. */
    public int remembered() {
        return recent.size();
    }

    /**
     * Warm-starts a new version from the current one on the remembered events and swaps it in as {@code version};
     * returns what training did and the events it learned from.
     */
    public Update update(String version) {
        long started = System.nanoTime();
        List<Interaction> events = List.copyOf(recent);
        SasRecTrainer trainer = new SasRecTrainer(current.config().withTraining(policy.epochs(), policy.epochs(), policy.learningRate()));
        SasRecTrainer.Result result = trainer.continueFrom(current, events, List.of(), null);
        SasRecModel next = result.model();
        updates++;
        Scorer previous = scorer.swap(scorerOf(next, version));
        previous.close();
        if (ownsCurrent) {
            current.close();
        }
        current = next;
        ownsCurrent = true;
        double seconds = (System.nanoTime() - started) / 1e9;
        if (progress != null) {
            progress.accept(String.format("model update %d (%s): %,d events from %s, %,d tracks, %.1f s", updates, version,
                    events.size(), events.isEmpty() ? "-" : events.get(0).time(), next.vocabulary().size() - 2, seconds));
        }
        return new Update(version, result.report(), events);
    }

    /** One update: the version it made, what training did, and the events it learned from. */
    public record Update(String version, dev.encore.model.sasrec.TrainingReport report, List<Interaction> events) {
    }

    /** Remembered answers of a scorer over {@code model}; closing it leaves the model open (closed here). */
    private static Scorer scorerOf(SasRecModel model, String version) {
        return new RememberingScorer(SasRecScorer.borrowing(model, version), 100_000);
    }

    @Override
    public void close() {
        scorer.swap(null);
        if (ownsCurrent) {
            current.close();
        }
    }
}
