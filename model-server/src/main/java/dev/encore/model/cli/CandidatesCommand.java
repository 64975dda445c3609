package dev.encore.model.cli;

import dev.encore.model.data.Interaction;
import dev.encore.model.data.ListeningData;
import dev.encore.model.eval.CandidateRecall;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.LiveSettings;
import dev.encore.schemas.listening.PlaySkipRule;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code candidates}: how often the next track is among the live recommender's candidates on the test files
 * (streaming protocol, product rules): the most any rescoring of them can reach. Needs no model; seconds.
 */
@Command(name = "candidates", mixinStandardHelpOptions = true,
        description = "Share of next tracks among the live recommender's candidates (the ceiling of the model's rescoring).")
final class CandidatesCommand implements Callable<Integer> {
    @Mixin
    DataOptions data = new DataOptions();

    @Override
    public Integer call() throws Exception {
        List<Interaction> train = ListeningData.read(data.trainFiles(), PlaySkipRule.DEFAULT);
        List<Interaction> test = ListeningData.read(data.testFiles(), PlaySkipRule.DEFAULT);
        CandidateRecall.Result r = CandidateRecall.measure(LiveSettings.DEFAULT, Exclusions.SKIPPED_AND_JUST_PLAYED, train, test);
        System.out.printf("train %s, test %s: %,d predictions, %.1f candidates each on average%n", data.train, data.test,
                r.predictions(), r.meanCandidates());
        System.out.printf("next track among the candidates: %.4f (with co-listening evidence %.4f, through the artist alone %.4f, "
                + "repeats or trending alone %.4f); no rescoring can list more: HR@10 and NDCG@10 at most %.4f%n",
                r.found(), r.coListening(), r.sameArtistOnly(), r.other(), r.found());
        return 0;
    }
}
