package dev.encore.model.eval;

import dev.encore.model.continual.ContinualModel;
import dev.encore.model.data.Interaction;
import dev.encore.model.sasrec.SasRecModel;
import dev.encore.model.sasrec.SequenceInput;
import dev.encore.model.scoring.Scorer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The model's answers over a period in which it keeps updating ({@link ContinualModel}), recorded in one run so
 * that weight tuning can replay the period many times without training again. Each answer is kept with the
 * version that gave it, and each update with the event after which it took effect; a {@link Replay} follows the
 * same events and answers as the version in force then would have. This holds because the updates learn from
 * the events alone (not from the lists) and the questions do not depend on the ranking weights. Its scorers are
 * for the one-threaded {@link Evaluator}, not thread-safe like the live ones.
 */
final class RecordedUpdates {
    private record Question(int version, Scorer.Request request, int k) {
    }

    private final ContinualModel model;
    private final Map<Question, Scorer.Ranked> answers = new HashMap<>();
    /** For each update, how many events had been observed when it took effect. */
    private final List<Long> updatedAfter = new ArrayList<>();
    private long observed;

    /**
     * @param every event time between updates, null for a model that stays as it is
     */
    RecordedUpdates(SasRecModel initial, ContinualModel.Policy policy, Duration every) {
        this.model = new ContinualModel(initial, "tuned", policy, every, null);
    }

    /** The scorer of the recording run: the model in force, each answer remembered with its version. */
    Scorer recordingScorer() {
        return new Answering() {
            @Override
            public List<Ranked> scoreAndTop(List<Request> requests, int k) {
                List<Ranked> ranked = model.scorer().scoreAndTop(requests, k);
                for (int i = 0; i < requests.size(); i++) {
                    answers.put(new Question(model.updates(), requests.get(i), k), ranked.get(i));
                }
                return ranked;
            }
        };
    }

    /** The learner of the recording run: the model observes (and updates on) each event after it was judged. */
    Consumer<Interaction> recordingLearner() {
        return event -> {
            int before = model.updates();
            model.observe(event);
            observed++;
            for (int u = before; u < model.updates(); u++) {
                updatedAfter.add(observed);
            }
        };
    }

    int updates() {
        return updatedAfter.size();
    }

    /** Frees the models the recording trained; the answers stay. */
    void finishRecording() {
        model.close();
    }

    /** A fresh pass over the recorded period: its learner must observe the same events as the recording's. */
    Replay replay() {
        return new Replay();
    }

    final class Replay {
        private long seen;
        private int version;

        Consumer<Interaction> learner() {
            return event -> {
                seen++;
                while (version < updatedAfter.size() && updatedAfter.get(version) == seen) {
                    version++;
                }
            };
        }

        Scorer scorer() {
            return new Answering() {
                @Override
                public List<Ranked> scoreAndTop(List<Request> requests, int k) {
                    List<Ranked> ranked = new ArrayList<>(requests.size());
                    for (Request request : requests) {
                        Ranked answer = answers.get(new Question(version, request, k));
                        if (answer == null) {
                            throw new IllegalStateException("version " + version + " was never asked this in the recorded run: "
                                    + "the questions depend on something the recording did not replay");
                        }
                        ranked.add(answer);
                    }
                    return ranked;
                }
            };
        }
    }

    /** A scorer that only answers {@link #scoreAndTop}, the one call the live recommender makes. */
    private abstract static class Answering implements Scorer {
        @Override
        public String modelVersion() {
            return "tuned";
        }

        @Override
        public List<float[]> score(List<Request> requests) {
            throw new UnsupportedOperationException("recorded answers are scoreAndTop's only");
        }

        @Override
        public List<List<ScoredTrack>> topK(List<List<SequenceInput.Event>> sequences, int k) {
            throw new UnsupportedOperationException("recorded answers are scoreAndTop's only");
        }

        @Override
        public long unknownTracks() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
