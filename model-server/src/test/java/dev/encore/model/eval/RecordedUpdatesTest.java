package dev.encore.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.continual.ContinualModel;
import dev.encore.model.data.Interaction;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.LiveSettings;
import dev.encore.model.methods.LiveRecommender;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.scoring.Scorer;
import dev.encore.model.testing.SampleData;
import dev.encore.model.testing.TinyModels;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Weight tuning replays the model's updates without training again, and gets the lists the updating model made. */
class RecordedUpdatesTest {
    private static final List<Interaction> TRAIN = SampleData.events().subList(0, 2700);
    private static final List<Interaction> LATER = SampleData.events().subList(3000, 3600);

    @Test
    void aReplayRanksAsTheUpdatingModelDid() {
        Duration span = Duration.between(LATER.get(0).time(), LATER.get(LATER.size() - 1).time());
        Duration every = span.dividedBy(3).plusSeconds(1);
        RecordedUpdates recorded = new RecordedUpdates(TinyModels.trained().model(),
                new ContinualModel.Policy(every.multipliedBy(2), 1, 2e-3f), every);
        MethodMetrics recording = run(RankingWeights.DEFAULT, recorded.recordingScorer(), recorded.recordingLearner());
        recorded.finishRecording();
        assertEquals(2, recorded.updates(), "three periods of event time: two updates");

        RecordedUpdates.Replay replay = recorded.replay();
        assertEquals(recording, run(RankingWeights.DEFAULT, replay.scorer(), replay.learner()),
                "each question answered by the version in force when the recording asked it");
        RecordedUpdates.Replay reweighted = recorded.replay();
        MethodMetrics other = run(RankingWeights.blend(1f, 0.5f, 0.5f, 0.1f, 2f), reweighted.scorer(), reweighted.learner());
        assertTrue(other.ndcg() >= 0, "other weights ask the same questions, so the replay answers them all");
    }

    @Test
    void aReplayThatMissesTheUpdatesIsRefusedNotAnsweredByTheWrongVersion() {
        Duration every = Duration.between(LATER.get(0).time(), LATER.get(LATER.size() - 1).time()).dividedBy(2);
        RecordedUpdates recorded = new RecordedUpdates(TinyModels.trained().model(),
                new ContinualModel.Policy(every.multipliedBy(2), 1, 2e-3f), every);
        run(RankingWeights.DEFAULT, recorded.recordingScorer(), recorded.recordingLearner());
        recorded.finishRecording();
        RecordedUpdates.Replay replay = recorded.replay();
        // Without its learner the replay stays at the first version, which was never asked the later questions.
        assertThrows(IllegalStateException.class, () -> run(RankingWeights.DEFAULT, replay.scorer(), null));
    }

    private static MethodMetrics run(RankingWeights weights, Scorer scorer, Consumer<Interaction> learner) {
        var method = new LiveRecommender("live", LiveSettings.DEFAULT, weights, scorer, Exclusions.SKIPPED_AND_JUST_PLAYED);
        return Evaluator.run(Protocol.STREAMING, TRAIN, LATER, List.of(method), learner, null).methods().get("live");
    }
}
