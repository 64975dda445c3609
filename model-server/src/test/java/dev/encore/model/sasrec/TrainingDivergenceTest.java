package dev.encore.model.sasrec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.data.Interaction;
import dev.encore.model.testing.SampleData;
import dev.encore.model.testing.TinyModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A training run that blows up says so instead of handing out a model of NaNs. */
class TrainingDivergenceTest {

    @Test
    void anAbsurdLearningRateEndsInAClearErrorNotANanModel() {
        List<Interaction> events = SampleData.events().subList(0, 1500);
        SasRecConfig reckless = TinyModels.TINY.withTraining(3, 3, 1e20f);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new SasRecTrainer(reckless).train(events.subList(0, 1300), events.subList(1300, 1500), null));
        assertTrue(e.getMessage().contains("lower learning rate"), e.getMessage());
    }

    @Test
    void aSaneLearningRateTrains() {
        List<Interaction> events = SampleData.events().subList(0, 1500);
        SasRecTrainer.Result result = new SasRecTrainer(TinyModels.TINY.withTraining(2, 2, 5e-3f))
                .train(events.subList(0, 1300), events.subList(1300, 1500), null);
        try (SasRecModel model = result.model()) {
            assertTrue(result.report().epochs().stream().allMatch(epoch -> Double.isFinite(epoch.loss())));
        }
    }
}
