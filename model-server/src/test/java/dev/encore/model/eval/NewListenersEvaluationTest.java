package dev.encore.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.encore.model.data.Interaction;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.LiveSettings;
import dev.encore.model.methods.LiveRecommender;
import dev.encore.model.methods.NextTrackMethod;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.methods.SingleSource;
import dev.encore.schema.EventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listeners new in the test period: their first event is judged against the new-listener list, their second apart. */
class NewListenersEvaluationTest {
    private static final RankingWeights WEIGHTS = RankingWeights.blend(1f, 0f, 0.5f, 0.1f, 0f);

    @Test
    void firstEventsAreJudgedAgainstTheNewListenerListAndSecondEventsAreReportedApart() {
        // Before the test: "hit" is played most in the hour whose trending window a later play has closed.
        List<Interaction> fitted = List.of(play("o1", "hit", 3600), play("o2", "hit", 3610), play("o3", "hit", 3620),
                play("o1", "other", 3630), play("old", "x", 3640), play("o4", "y", 7100));
        // n1 starts with the hit, n2 with a track trending does not show; "old" has history, so is not new.
        List<Interaction> test = List.of(play("n1", "hit", 7200), play("n2", "rare", 7210), play("old", "hit", 7220),
                play("n1", "other", 7230), play("n1", "x", 7240));
        LiveRecommender live = new LiveRecommender("live", LiveSettings.DEFAULT, WEIGHTS, null, Exclusions.SKIPPED_AND_JUST_PLAYED);
        List<NextTrackMethod> methods = List.of(live, SingleSource.globalPopularity());

        Evaluator.Result result = Evaluator.run(Protocol.STREAMING, fitted, test, methods, null);

        assertEquals(2, result.firstEventsOfNewUsers());
        assertEquals(0.5, result.firstEvents().get("live").hr(), 1e-9, "n1's hit was on the list, n2's rare track not");
        assertFalse(result.firstEvents().containsKey("most-popular"), "catalogue methods show no list before an event");
        assertEquals(1, result.secondEventsOfNewUsers(), "n1's second event; n2 has none, old is not new");
        assertEquals(3, result.predictions(), "old's event and n1's second and third");
        assertEquals(1, result.secondEvents().get("most-popular").predictions());
    }

    private static Interaction play(String user, String track, long seconds) {
        return new Interaction(user, "session-of-" + user, track, "artist-of-" + track, EventType.PLAY,
                Instant.ofEpochSecond(1_700_000_000L + seconds));
    }
}
