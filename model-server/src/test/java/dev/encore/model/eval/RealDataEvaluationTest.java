package dev.encore.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.data.Interaction;
import dev.encore.model.data.TemporalSplit;
import dev.encore.model.methods.AttentionScores;
import dev.encore.model.methods.NextTrackMethod;
import dev.encore.model.methods.SingleSource;
import dev.encore.model.sasrec.SasRecConfig;
import dev.encore.model.sasrec.SasRecTrainer;
import dev.encore.model.testing.SampleData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small real-data run: the attention model trained on the bundled 30Music window beats most-popular. */
class RealDataEvaluationTest {
    private static final SasRecConfig SMALL = new SasRecConfig(30, 32, 1, 1, 0.2f, 128, 5e-3f, 12, 2, 128, 5, 0.1f, 0);

    @Test
    void theAttentionModelBeatsGlobalMostPopularOnRealListening() {
        List<Interaction> events = SampleData.events();
        int cut = (int) (events.size() * 0.8);
        while (events.get(cut).time().equals(events.get(cut - 1).time())) {
            cut++;
        }
        TemporalSplit split = TemporalSplit.of(events.subList(0, cut), events.subList(cut, events.size()), 0.1);

        SasRecTrainer.Result trained = new SasRecTrainer(SMALL).train(split.train(), split.validation(), null);
        try (var model = trained.model()) {
            List<NextTrackMethod> methods = List.of(SingleSource.globalPopularity(),
                    new SingleSource("sasrec", new AttentionScores(model)));
            List<Interaction> fitted = events.subList(0, cut);
            Evaluator.Result result = Evaluator.run(Protocol.STATIC, fitted, split.test(), methods, null);

            double popular = result.methods().get("most-popular").ndcg();
            double attention = result.methods().get("sasrec").ndcg();
            assertTrue(result.predictions() > 1000, "predictions: " + result.predictions());
            assertTrue(attention > 2 * popular,
                    "sasrec NDCG@10 " + attention + " vs most-popular " + popular);
            assertEquals(result.predictions(), result.methods().get("sasrec").predictions());
        }
    }
}
