package dev.encore.model.cli;

import dev.encore.model.continual.ContinualModel;
import dev.encore.model.data.Interaction;
import dev.encore.model.data.ListeningData;
import dev.encore.model.data.TemporalSplit;
import dev.encore.model.eval.RankerTrainer;
import dev.encore.model.live.LiveSettings;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.sasrec.ModelArtifact;
import dev.encore.model.sasrec.SasRecConfig;
import dev.encore.model.sasrec.SasRecTrainer;
import dev.encore.schemas.listening.PlaySkipRule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train}: fits the attention model on the training files and writes a versioned artifact. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train the attention model and save a versioned artifact.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ModelsDirOption models = new ModelsDirOption();

    @Option(names = "--epochs", defaultValue = "60", description = "Most epochs (early stopping may end sooner). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--dim", defaultValue = "64") int dim;
    @Option(names = "--blocks", defaultValue = "2") int blocks;
    @Option(names = "--heads", defaultValue = "1") int heads;
    @Option(names = "--max-length", defaultValue = "50") int maxLength;
    @Option(names = "--dropout", defaultValue = "0.2") float dropout;
    @Option(names = "--batch-size", defaultValue = "256") int batchSize;
    @Option(names = "--learning-rate", defaultValue = "0.005") float learningRate;
    @Option(names = "--negatives", defaultValue = "256", description = "Sampled negatives per batch. Default: ${DEFAULT-VALUE}.") int negatives;
    @Option(names = "--patience", defaultValue = "3") int patience;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--track-dropout", defaultValue = "0",
            description = "Share of training events read as unknown tracks by their artist (new tracks are scored through their artist "
                    + "either way; 0.1 cost 13%% of validation NDCG@10 here). Default: ${DEFAULT-VALUE}.")
    float trackDropout;
    @Option(names = "--follower-negatives", defaultValue = "8",
            description = "Per position, negatives drawn from its own track's co-listening neighbours (the candidates the model rescores; "
                    + "0 turns them off). Default: ${DEFAULT-VALUE}.")
    int followerNegatives;

    SasRecConfig config() {
        return new SasRecConfig(maxLength, dim, blocks, heads, dropout, batchSize, learningRate, epochs, patience, negatives, seed,
                trackDropout, followerNegatives);
    }

    @Option(names = "--from", paramLabel = "VERSION",
            description = "Warm start: continue from this model version (a name in --models-dir, or a directory) on the training files, "
                    + "keeping its shape and ranking weights (--retune learns them again); the shape options are then ignored.")
    String from;

    @Option(names = "--retune", description = "With --from: learn the ranking weights again (a minute) instead of keeping the parent's.")
    boolean retune;

    @Option(names = "--update-every", paramLabel = "HOURS", defaultValue = "1",
            description = "Learn the ranking weights with the model warm-started every HOURS of validation event time on the last 48 h "
                    + "of events, as the continual trainer keeps it learning and as 'evaluate' measures it (0: learn them frozen). "
                    + "Default: ${DEFAULT-VALUE}.")
    int updateEveryHours;

    @Override
    public Integer call() throws Exception {
        if (updateEveryHours < 0) {
            throw new IllegalArgumentException("--update-every " + updateEveryHours + ": give hours >= 0 (0: no updates)");
        }
        List<Path> files = data.trainFiles();
        List<Interaction> events = ListeningData.read(files, PlaySkipRule.DEFAULT);
        TemporalSplit split = TemporalSplit.of(events, List.of(), data.validationShare);
        System.out.printf("training on %,d events, validating on the last %,d%n", split.train().size(), split.validation().size());
        ModelArtifact.Loaded parent = from == null ? null : ModelArtifact.load(parentDir());
        SasRecTrainer.Result result;
        RankingWeights weights;
        try (parent) {
            if (parent == null) {
                result = new SasRecTrainer(config()).train(split.train(), split.validation(), System.out::println);
            } else {
                System.out.printf("warm start from %s (%,d tracks)%n", parent.manifest().modelVersion(), parent.model().vocabulary().size() - 2);
                result = new SasRecTrainer(parent.model().config().withTraining(epochs, patience, learningRate))
                        .continueFrom(parent.model(), split.train(), split.validation(), System.out::println);
            }
            if (parent != null && !retune) {
                weights = parent.weights();
                System.out.println("keeping the parent's ranking weights");
            } else {
                System.out.println("learning the recommender's ranking weights on the validation period ...");
                weights = RankerTrainer.train(LiveSettings.DEFAULT, split.train(), split.validation(), result.model(),
                        ContinualModel.Policy.DEFAULT, updateEveryHours == 0 ? null : Duration.ofHours(updateEveryHours),
                        System.out::println);
            }
        }
        String version = "sasrec-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = models.path().resolve(version);
        ModelArtifact.Lineage lineage = new ModelArtifact.Lineage(parent == null ? null : parent.manifest().modelVersion(),
                ModelArtifact.fingerprint(files), String.join(",", data.train) + ": " + ModelArtifact.Lineage.span(events));
        try (var model = result.model()) {
            ModelArtifact.save(model, result.report(), weights, version, lineage, dir);
        }
        System.out.printf("kept epoch %d (validation NDCG@10 %.4f) after %.0f s; %,d tracks; model %s written to %s%n",
                result.report().bestEpoch(), result.report().bestValidationNdcg(), result.report().seconds(),
                result.model().vocabulary().size() - 2, version, dir);
        return 0;
    }

    private Path parentDir() {
        Path named = models.path().resolve(from);
        Path dir = java.nio.file.Files.isDirectory(named) ? named : Path.of(from);
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--from " + from + ": no such model version in " + models.path()
                    + " (and no such directory): name one of its sub-directories");
        }
        return dir;
    }
}
