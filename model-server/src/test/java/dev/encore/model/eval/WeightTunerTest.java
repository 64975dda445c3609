package dev.encore.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.model.methods.RankingWeights;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The blend's coordinate ascent comes back to a weight whose best value moved with another one. */
class WeightTunerTest {
    @Test
    void aWeightChosenBeforeAnotherMovedIsChosenAgain() {
        // The best same-artist weight equals the model's, and the model's best is 0.25. From a model weight of 1,
        // one pass picks same-artist 1, then model 0.5; only further passes reach (0.25, 0.25).
        List<String> steps = new ArrayList<>();
        RankingWeights tuned = WeightTuner.ascend(new RankingWeights(1f, 0f, 0.5f, 0f, 1f), true,
                w -> -Math.pow(w.sameArtist() - w.model(), 2) - 4 * Math.pow(w.model() - 0.25, 2), steps::add);
        assertEquals(new RankingWeights(1f, 0f, 0.25f, 0f, 0.25f), tuned, String.join("\n", steps));
    }

    @Test
    void withoutAModelItsWeightIsLeftAlone() {
        RankingWeights tuned = WeightTuner.ascend(new RankingWeights(1f, 0f, 0.5f, 0f, 0f), false,
                w -> -Math.pow(w.trending() - 1, 2) - Math.pow(w.model() - 2, 2), null);
        assertEquals(new RankingWeights(1f, 0f, 0.5f, 1f, 0f), tuned);
    }
}
