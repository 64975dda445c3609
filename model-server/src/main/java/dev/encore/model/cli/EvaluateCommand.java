package dev.encore.model.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.encore.model.continual.ContinualModel;
import dev.encore.model.data.Interaction;
import dev.encore.model.data.ListeningData;
import dev.encore.model.data.TemporalSplit;
import dev.encore.model.eval.Evaluator;
import dev.encore.model.eval.Protocol;
import dev.encore.model.live.LiveSettings;
import dev.encore.model.methods.AttentionScores;
import dev.encore.model.methods.MethodSuite;
import dev.encore.model.methods.NcfScores;
import dev.encore.model.ncf.NcfModel;
import dev.encore.model.methods.NextTrackMethod;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.sasrec.ModelArtifact;
import dev.encore.model.scoring.RememberingScorer;
import dev.encore.model.scoring.SasRecScorer;
import dev.encore.model.scoring.Scorer;
import dev.encore.schemas.listening.PlaySkipRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code evaluate}: the model, the live recommender (the job's ranking), its ablations and the baselines on the temporal test
 * split, in both protocols; prints one table per protocol and writes them as JSON.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate the model and the baselines on a temporal split (static and streaming protocols).")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--model", paramLabel = "DIR", description = "Model version to evaluate (default: the newest in --models-dir).")
    Path model;

    @Mixin
    ModelsDirOption models = new ModelsDirOption();

    @Option(names = "--out", paramLabel = "FILE", description = "Results JSON (default: benchmarks/results/quality.json in the repository).")
    Path out;

    @Option(names = "--protocol", split = ",", defaultValue = "STATIC,STREAMING", paramLabel = "P",
            description = "Protocols to run (STATIC, STREAMING). Default: ${DEFAULT-VALUE}.")
    List<Protocol> protocolsToRun;

    @Option(names = "--ncf-epochs", defaultValue = "4",
            description = "Epochs of the neural collaborative filtering comparator, trained on the training files (0: leave it out). Default: ${DEFAULT-VALUE}.")
    int ncfEpochs;

    @Option(names = "--update-every", paramLabel = "HOURS", defaultValue = "1",
            description = "Streaming protocol: also evaluate the model warm-started every HOURS of event time on the last "
                    + "48 h of events (0: no updated variants). Default: ${DEFAULT-VALUE}.")
    int updateEveryHours;

    @Override
    public Integer call() throws Exception {
        if (updateEveryHours < 0) {
            throw new IllegalArgumentException("--update-every " + updateEveryHours + ": give hours >= 0 (0: no updates)");
        }
        List<Interaction> train = ListeningData.read(data.trainFiles(), PlaySkipRule.DEFAULT);
        List<Interaction> test = ListeningData.read(data.testFiles(), PlaySkipRule.DEFAULT);
        TemporalSplit split = TemporalSplit.of(train, test, 0);
        System.out.printf("train %,d events (%s), test %,d events (%s)%n", split.train().size(), data.train,
                split.test().size(), data.test);
        Path modelDir = model != null ? model : models.newest().orElse(null);
        ModelArtifact.Loaded loaded = modelDir == null ? null : ModelArtifact.load(modelDir);
        if (loaded == null) {
            System.out.println("no model in " + models.path() + " (train one with 'encore-model train'): baselines only");
        } else {
            System.out.println("model " + loaded.manifest().modelVersion() + ", ranking weights " + loaded.weights());
        }
        NcfModel ncf = ncfEpochs == 0 ? null : NcfModel.train(split.train(),
                new NcfModel.Config(32, 64, ncfEpochs, 1024, 2e-3f, 4, 42), System.out::println);
        Map<String, Object> protocols = new LinkedHashMap<>();
        Map<String, Object> coverage = new LinkedHashMap<>();
        try (loaded) {
            for (Protocol protocol : protocolsToRun) {
                AttentionScores attention = loaded == null ? null : new AttentionScores(loaded.model());
                // The live variants with the same exclusions ask the model the same questions.
                Scorer scorer = loaded == null ? null
                        : new RememberingScorer(new SasRecScorer(loaded.model(), loaded.manifest().modelVersion()), 100_000);
                RankingWeights weights = loaded == null ? RankingWeights.DEFAULT : loaded.weights();
                List<NextTrackMethod> methods = new java.util.ArrayList<>(MethodSuite.all(LiveSettings.DEFAULT, weights, attention,
                        ncf == null ? null : new NcfScores(ncf), scorer));
                ContinualModel continual = null;
                if (loaded != null && protocol == Protocol.STREAMING && updateEveryHours > 0) {
                    ContinualModel.Policy policy = ContinualModel.Policy.DEFAULT;
                    System.out.println("continual updates every " + updateEveryHours + " h of event time: " + policy);
                    continual = new ContinualModel(loaded.model(), loaded.manifest().modelVersion(), policy,
                            java.time.Duration.ofHours(updateEveryHours), System.out::println);
                    methods.addAll(MethodSuite.updated(LiveSettings.DEFAULT, weights, new AttentionScores(continual::model),
                            continual.scorer()));
                }
                Evaluator.Result result;
                try (ContinualModel updating = continual) {
                    result = Evaluator.run(protocol, split.train(), split.test(), methods,
                            updating == null ? null : updating::observe, System.out::println);
                }
                System.out.println(QualityTable.render(result));
                protocols.put(protocol.name().toLowerCase(Locale.ROOT), result.methods());
                coverage.put(protocol.name().toLowerCase(Locale.ROOT), Map.of("predictions", result.predictions(),
                        "unrankable_targets", result.unrankable(), "first_events_of_new_users", result.firstEventsOfNewUsers(),
                        "first_events", result.firstEvents(), "second_events_of_new_users", result.secondEventsOfNewUsers(),
                        "second_events", result.secondEvents()));
            }
        }
        if (ncf != null) {
            ncf.close();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", "30Music 200ks session windows (" + data.dataDir().getFileName() + ")");
        json.put("train", data.train);
        json.put("test", data.test);
        json.put("command", "model-server/bin/encore-model evaluate" + (model == null ? "" : " --model " + model));
        json.put("model_version", loaded == null ? null : loaded.manifest().modelVersion());
        json.put("date", Instant.now().toString());
        json.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + Runtime.version().feature());
        json.put("live_settings", LiveSettings.DEFAULT.toString());
        json.put("ranking_weights", loaded == null ? RankingWeights.DEFAULT : loaded.weights());
        json.put("predictions", coverage);
        json.put("protocols", protocols);
        Path file = out != null ? out : Path.of(System.getProperty("encore.home", ".")).resolve("benchmarks/results/quality.json");
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        System.out.println("results written to " + file);
        return 0;
    }
}
