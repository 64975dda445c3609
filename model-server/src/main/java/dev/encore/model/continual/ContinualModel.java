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
 * {@link Policy#lookback}, and every {@link Policy#every} of event time warm-starts a new version from the current
 * one on them ({@link SasRecTrainer#continueFrom}: tracks first seen since join the vocabulary) and swaps it in
 * through a {@link ScorerHolder}. The offline streaming evaluation runs it on the test period's event time, as a
 * trainer would on the live stream. Single-threaded; not for concurrent observers.
 */
public final class ContinualModel implements AutoCloseable {

    /**
     * @param every        event time between updates
     * @param lookback     the events an update learns from: those of this much event time before it
     * @param epochs       passes over them per update
     * @param learningRate of the update (lower than a full training's, so that one update does not undo the parent)
     */
    public record Policy(Duration every, Duration lookback, int epochs, float learningRate) {
        public static final Policy DEFAULT = new Policy(Duration.ofHours(12), Duration.ofHours(48), 2, 2e-3f);

        public Policy {
            if (every.isNegative() || every.isZero() || lookback.compareTo(every) < 0 || epochs < 1 || learningRate <= 0) {
                throw new IllegalArgumentException("update policy needs every > 0, lookback >= every, epochs >= 1, "
                        + "learning rate > 0: " + every + ", " + lookback + ", " + epochs + ", " + learningRate);
            }
        }
    }

    private final Policy policy;
    private final String baseVersion;
    private final ScorerHolder scorer;
    private final ArrayDeque<Interaction> recent = new ArrayDeque<>();
    private final Consumer<String> progress;
    private SasRecModel current;
    private boolean ownsCurrent;
    private Instant nextUpdate;
    private int updates;

    /** Starts from {@code initial}, which stays the caller's to close. */
    public ContinualModel(SasRecModel initial, String version, Policy policy, Consumer<String> progress) {
        this.policy = policy;
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
        recent.addLast(event);
        Instant horizon = event.time().minus(policy.lookback());
        while (!recent.isEmpty() && recent.peekFirst().time().isBefore(horizon)) {
            recent.removeFirst();
        }
        if (nextUpdate == null) {
            nextUpdate = event.time().plus(policy.every());
        } else if (!event.time().isBefore(nextUpdate)) {
            update();
            while (!event.time().isBefore(nextUpdate)) {
                nextUpdate = nextUpdate.plus(policy.every());
            }
        }
    }

    private void update() {
        long started = System.nanoTime();
        List<Interaction> events = List.copyOf(recent);
        SasRecTrainer trainer = new SasRecTrainer(current.config().withTraining(policy.epochs(), policy.epochs(), policy.learningRate()));
        SasRecModel next = trainer.continueFrom(current, events, List.of(), null).model();
        updates++;
        String version = baseVersion + "+u" + updates;
        Scorer previous = scorer.swap(scorerOf(next, version));
        previous.close();
        if (ownsCurrent) {
            current.close();
        }
        current = next;
        ownsCurrent = true;
        if (progress != null) {
            progress.accept(String.format("model update %d at %s: %,d events, %,d tracks, %.1f s", updates, nextUpdate,
                    events.size(), next.vocabulary().size() - 2, (System.nanoTime() - started) / 1e9));
        }
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
