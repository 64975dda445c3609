package dev.encore.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.data.Interaction;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.LiveSettings;
import dev.encore.model.methods.LiveRecommender;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.testing.SampleData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The candidates' recall bounds the lists ranked from them, over the same predictions as the evaluation's. */
class CandidateRecallTest {
    private static final List<Interaction> FITTED = SampleData.events().subList(0, 8000);
    private static final List<Interaction> LATER = SampleData.events().subList(8000, 10000);

    @Test
    void noRankingOfTheCandidatesHitsMoreOftenThanTheyHoldTheNextTrack() {
        CandidateRecall.Result recall = CandidateRecall.measure(LiveSettings.DEFAULT, Exclusions.SKIPPED_AND_JUST_PLAYED, FITTED, LATER);
        var live = new LiveRecommender("live", LiveSettings.DEFAULT, RankingWeights.DEFAULT, null,
                Exclusions.SKIPPED_AND_JUST_PLAYED);
        Evaluator.Result evaluated = Evaluator.run(Protocol.STREAMING, FITTED, LATER, List.of(live), null);

        assertEquals(evaluated.predictions(), recall.predictions(), "the evaluation's predictions");
        assertEquals(recall.found(), recall.coListening() + recall.sameArtistOnly() + recall.other(), 1e-12);
        assertTrue(recall.found() > 0 && recall.found() < 1, "found " + recall.found());
        double hr = evaluated.methods().get("live").hr();
        assertTrue(hr > 0 && hr <= recall.found(), "live HR@10 " + hr + " against recall " + recall.found());
        assertTrue(recall.meanCandidates() > 10, "candidates per prediction " + recall.meanCandidates());
    }

    @Test
    void withoutRulesTheJustPlayedTrackIsACandidateAgain() {
        CandidateRecall.Result ruled = CandidateRecall.measure(LiveSettings.DEFAULT, Exclusions.SKIPPED_AND_JUST_PLAYED, FITTED, LATER);
        CandidateRecall.Result open = CandidateRecall.measure(LiveSettings.DEFAULT, Exclusions.NONE, FITTED, LATER);
        assertTrue(open.found() > ruled.found(), "repeats of the track just played are found without the rules: "
                + open.found() + " against " + ruled.found());
    }
}
