package dev.encore.bench;

import dev.encore.bench.e2e.E2eBenchmark;
import dev.encore.bench.e2e.E2eReport;
import dev.encore.bench.e2e.EventSource;
import dev.encore.bench.e2e.RealReplay;
import dev.encore.bench.e2e.StateSize;
import dev.encore.bench.e2e.SyntheticListening;
import dev.encore.bench.quality.LiveQuality;
import dev.encore.model.sasrec.ModelArtifact;
import dev.encore.stream.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmarks' command line.
 *
 * <pre>
 * benchmarks/bin/encore-bench e2e            # about 15 minutes on 2 cores; writes benchmarks/results/e2e.*
 * benchmarks/bin/encore-bench e2e --quick    # under 2 minutes, a smoke run of the harness
 * benchmarks/bin/encore-bench profile        # JFR at one rate: CPU by pipeline stage, model calls; writes benchmarks/results/profile.md
 * benchmarks/bin/encore-bench coalescing     # lists per event and latency with and without per-user coalescing
 * benchmarks/bin/encore-bench micro          # JMH: serde, state update, candidates, scoring
 * benchmarks/bin/encore-bench quality        # quality.md and bar charts from quality.json (encore-model evaluate)
 * benchmarks/bin/encore-bench quality-live   # the job's own lists scored on the test window, beside the offline figure
 * </pre>
 */
@Command(name = "encore-bench", mixinStandardHelpOptions = true, subcommands = {BenchmarkCli.E2e.class, BenchmarkCli.Profile.class, BenchmarkCli.Coalescing.class, BenchmarkCli.Micro.class, BenchmarkCli.Quality.class, BenchmarkCli.QualityLive.class, BenchmarkCli.Diversity.class, BenchmarkCli.Exploration.class},
        description = "Encore benchmarks: end-to-end throughput and freshness against a passthrough job, and micro-benchmarks.")
public final class BenchmarkCli {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new BenchmarkCli());
        cli.setExecutionExceptionHandler((error, line, parsed) -> {
            line.getErr().println("encore-bench: " + error.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }

    /** The checkout the launcher runs from. */
    static Path home() {
        return Path.of(System.getProperty("encore.home", ".")).toAbsolutePath().normalize();
    }

    /** The {@code --set} arguments that reproduce {@code jobSettings}, for the command recorded with the results. */
    static String settingsArguments(Map<String, String> jobSettings) {
        return jobSettings.entrySet().stream().map(e -> " --set " + e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining());
    }

    /** {@code option}, or the checkout's {@code models}, when it holds a model; null (having said how to get one) when not. */
    static Path modelsOrNull(Path option) throws java.io.IOException {
        Path models = option != null ? option : home().resolve("models");
        return hasModel(models) ? models : null;
    }

    /** The replay of the real sample bundled with the checkout. */
    static RealReplay bundledSample() throws java.io.IOException {
        return new RealReplay(List.of(home().resolve("deploy/sample/30music-200ks_test.0.txt")));
    }

    /** Whether the pipeline has a model to score with; says how to get one when not. */
    static boolean hasModel(Path models) throws java.io.IOException {
        if (ModelArtifact.newestIn(models).isPresent()) {
            return true;
        }
        System.err.println("encore-bench: no model under " + models + ": train one (model-server/bin/encore-model train) "
                + "or run deploy/bin/encore stack once, or pass --models-dir");
        return false;
    }

    @Command(name = "e2e", mixinStandardHelpOptions = true, description = "Stepped open-loop load against the pipeline and a passthrough job.")
    static final class E2e implements Callable<Integer> {
        @Option(names = "--quick", description = "Two short steps (50 and 100 events/s), at-least-once only: checks the harness, not speed.") boolean quick;
        @Option(names = "--rates", split = ",", description = "Offered rates to step through (events/s). Default: 250,500,1000,2000,4000,8000,16000.")
        List<Double> rates;
        @Option(names = "--step-seconds", defaultValue = "20") double stepSeconds;
        @Option(names = "--source", defaultValue = "real", description = "real (30Music replay) or synthetic.") String source;
        @Option(names = "--data", split = ",", description = "30Music files to replay (default: the bundled sample).") List<Path> data;
        @Option(names = "--users", defaultValue = "1000000") int users;
        @Option(names = "--tracks", defaultValue = "100000") int tracks;
        @Option(names = "--models-dir", description = "Models for the pipeline's embedded scoring (default: models).") Path modelsDir;
        @Option(names = "--out", description = "Where results go (default: benchmarks/results).") Path out;
        @Option(names = "--modes", split = ",", description = "Delivery modes to run (AT_LEAST_ONCE, EXACTLY_ONCE). Default: both.")
        List<JobConfig.Delivery> modesOption;
        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A job setting for every run (repeatable), e.g. job.parallelism=1.")
        Map<String, String> jobSettings = new java.util.LinkedHashMap<>();
        @Option(names = "--warm-up-seconds", defaultValue = "120", description = "Unmeasured load before each job's steps, "
                + "so that they measure the JIT-compiled job rather than its first minutes; 0 for none. Default: ${DEFAULT-VALUE}.")
        double warmUpSeconds;
        @Option(names = "--warm-up-rate", defaultValue = "1000", description = "Events/s of the warm-up. Default: ${DEFAULT-VALUE}.")
        double warmUpRate;

        @Override
        public Integer call() throws Exception {
            if (warmUpSeconds < 0 || !(warmUpRate > 0)) {
                System.err.println("encore-bench: --warm-up-seconds must be 0 or more and --warm-up-rate above 0");
                return 2;
            }
            Path home = home();
            Path models = modelsOrNull(modelsDir);
            if (models == null) {
                return 2;
            }
            List<Path> files = data != null ? data : List.of(home.resolve("deploy/sample/30music-200ks_test.0.txt"));
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    System.err.println("encore-bench: no listening data at " + file + ": pass --data with 30Music session files");
                    return 2;
                }
            }
            RealReplay replay = new RealReplay(files);
            EventSource events = switch (source) {
                case "real" -> replay;
                case "synthetic" -> new SyntheticListening(SyntheticListening.RealShape.of(replay.events()), users, tracks, 42);
                default -> {
                    System.err.println("encore-bench: --source must be real or synthetic, was '" + source + "'");
                    yield null;
                }
            };
            if (events == null) {
                return 2;
            }
            List<Double> steps = rates != null ? rates : quick ? List.of(50.0, 100.0) : List.of(250.0, 500.0, 1000.0, 2000.0, 4000.0, 8000.0, 16000.0);
            double seconds = quick ? 4 : stepSeconds;
            List<JobConfig.Delivery> modes = quick ? List.of(JobConfig.Delivery.AT_LEAST_ONCE) : modesOption != null ? modesOption
                    : List.of(JobConfig.Delivery.AT_LEAST_ONCE, JobConfig.Delivery.EXACTLY_ONCE);
            Path work = Files.createTempDirectory("encore-bench");
            double warmUp = quick ? 0 : warmUpSeconds;
            E2eBenchmark.Result result;
            try {
                result = new E2eBenchmark(new E2eBenchmark.Settings(steps, seconds, modes, events, models, work, jobSettings,
                        warmUp, warmUpRate), System.out).run();
            } finally {
                // The broker's log, the jobs' state, checkpoints and changelogs: hundreds of MB per run, of no use after it.
                org.apache.flink.util.FileUtils.deleteDirectory(work.toFile());
            }
            StateSize.Bytes state = StateSize.ofFullSequences(replay.events(), JobConfig.defaultsOnly().sequenceLength());
            String command = "benchmarks/bin/encore-bench e2e" + (quick ? " --quick" : "") + (source.equals("real") ? "" : " --source " + source)
                    + (rates == null ? "" : " --rates " + rates.stream().map(r -> Long.toString(Math.round(r))).collect(java.util.stream.Collectors.joining(",")))
                    + (quick || stepSeconds == 20 ? "" : " --step-seconds " + Math.round(stepSeconds))
                    + (modesOption == null ? "" : " --modes " + modesOption.stream().map(Enum::name).collect(java.util.stream.Collectors.joining(",")))
                    + (quick || warmUpSeconds == 120 ? "" : " --warm-up-seconds " + Math.round(warmUpSeconds))
                    + (quick || warmUpRate == 1000 ? "" : " --warm-up-rate " + Math.round(warmUpRate))
                    + settingsArguments(jobSettings);
            Path results = out != null ? out : home.resolve("benchmarks/results");
            String load = events.describe() + (warmUp > 0 ? String.format("; each job first ran %.0f s at %,.0f events/s, not measured", warmUp, warmUpRate) : "");
            E2eReport.write(results, result, state, load, command, JobConfig.defaultsOnly().checkpointInterval().toMillis(), quick);
            System.out.println("results in " + results.resolve("e2e.md"));
            System.out.print(Files.readString(results.resolve("e2e.md")));
            return 0;
        }
    }

    @Command(name = "profile", mixinStandardHelpOptions = true,
            description = "The pipeline at one rate under Java Flight Recorder: CPU by stage and thread, model calls; writes profile.md.")
    static final class Profile implements Callable<Integer> {
        @Option(names = "--rate", defaultValue = "800", description = "Offered events/s. Default: ${DEFAULT-VALUE}.") double rate;
        @Option(names = "--seconds", defaultValue = "30") double seconds;
        @Option(names = "--warm-up-seconds", defaultValue = "120", description = "Seconds at the same rate before recording, "
                + "while the JIT compiles the hot code (after 20 s it still took a tenth of the machine). Default: ${DEFAULT-VALUE}.") double warmUpSeconds;
        @Option(names = "--models-dir", description = "Models for the pipeline's embedded scoring (default: models).") Path modelsDir;
        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A job setting for this run (repeatable), e.g. scoring.mode=off.")
        Map<String, String> jobSettings = new java.util.LinkedHashMap<>();
        @Option(names = "--out", description = "Where profile.md goes (default: benchmarks/results); the recording goes to the "
                + "system's temporary folder.") Path out;

        @Override
        public Integer call() throws Exception {
            Path home = home();
            Path models = modelsOrNull(modelsDir);
            if (models == null) {
                return 2;
            }
            RealReplay replay = bundledSample();
            Path work = Files.createTempDirectory("encore-bench");
            Path recording = work.resolve("profile.jfr");
            E2eBenchmark bench = new E2eBenchmark(new E2eBenchmark.Settings(List.of(), seconds, List.of(), replay, models, work, jobSettings, 0, 0), System.out);
            var step = bench.profile(rate, seconds, warmUpSeconds, recording);
            var breakdown = dev.encore.bench.profile.StageProfile.of(recording);
            String model = ModelArtifact.newestIn(models).map(p -> p.getFileName().toString()).orElse("none");
            Path file = dev.encore.bench.profile.ProfileReport.write(out != null ? out : home.resolve("benchmarks/results"),
                    "benchmarks/bin/encore-bench profile --rate " + (long) rate + " --seconds " + (long) seconds
                            + " --warm-up-seconds " + (long) warmUpSeconds + settingsArguments(jobSettings),
                    replay.describe(),
                    model, step, breakdown);
            System.out.print(Files.readString(file));
            System.out.println("recording: " + recording + " (open it with JDK Mission Control or `jfr print`)");
            return 0;
        }
    }

    @Command(name = "coalescing", mixinStandardHelpOptions = true,
            description = "The pipeline at one rate with coalescing off and on, on synthetic load from few, busy users.")
    static final class Coalescing implements Callable<Integer> {
        @Option(names = "--rate", defaultValue = "600") double rate;
        @Option(names = "--seconds", defaultValue = "20") double seconds;
        @Option(names = "--users", defaultValue = "200", description = "Active users: fewer users, more events per user per second.")
        int users;
        @Option(names = "--windows", split = ",", defaultValue = "0,100", description = "Coalescing windows in ms.") List<Long> windows;
        @Option(names = "--models-dir") Path modelsDir;
        @Option(names = "--out", description = "Where coalescing.json goes (default: benchmarks/results).") Path out;

        @Override
        public Integer call() throws Exception {
            Path home = home();
            Path models = modelsOrNull(modelsDir);
            if (models == null) {
                return 2;
            }
            RealReplay replay = bundledSample();
            SyntheticListening source = new SyntheticListening(SyntheticListening.RealShape.of(replay.events()), users, 100_000, 42);
            E2eBenchmark bench = new E2eBenchmark(new E2eBenchmark.Settings(List.of(), seconds, List.of(), source, models,
                    Files.createTempDirectory("encore-bench"), Map.of(), 0, 0), System.out);
            var results = bench.coalescing(rate, seconds, windows);
            Path dir = out != null ? out : home.resolve("benchmarks/results");
            Files.createDirectories(dir);
            var json = new java.util.LinkedHashMap<String, Object>();
            json.put("command", "benchmarks/bin/encore-bench coalescing --rate " + (long) rate + " --users " + users);
            json.put("date", java.time.Instant.now().toString());
            json.put("load", source.describe());
            json.put("results", results);
            new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve("coalescing.json").toFile(), json);
            return 0;
        }
    }

    @Command(name = "quality", mixinStandardHelpOptions = true,
            description = "Tables and charts from benchmarks/results/quality.json (written by model-server/bin/encore-model evaluate).")
    static final class Quality implements Callable<Integer> {
        @Option(names = "--results", description = "Results folder (default: benchmarks/results).") Path results;

        @Override
        public Integer call() throws Exception {
            Path dir = results != null ? results : home().resolve("benchmarks/results");
            Path quality = dir.resolve("quality.json");
            if (!Files.isRegularFile(quality)) {
                System.err.println("encore-bench: no " + quality + ": run model-server/bin/encore-model evaluate first "
                        + "(it needs the development data in ../shared/data)");
                return 2;
            }
            QualityReport.write(quality, dir);
            System.out.print(Files.readString(dir.resolve("quality.md")));
            return 0;
        }
    }

    @Command(name = "quality-live", mixinStandardHelpOptions = true,
            description = "Replay the training and test windows through the real job and score the lists it wrote, beside the offline figure.")
    static final class QualityLive implements Callable<Integer> {
        @CommandLine.Mixin DevelopmentSplit split;
        @Option(names = "--models-dir", description = "The newest model here is used (default: models).") Path modelsDir;
        @Option(names = "--out", description = "Where quality-live.json goes (default: benchmarks/results).") Path out;
        @Option(names = "--barrier", defaultValue = "300", paramLabel = "SECONDS",
                description = "Event time after which the judged events wait for every earlier list (smaller: closer to real time, slower). Default: ${DEFAULT-VALUE}.")
        long barrierSeconds;

        @Override
        public Integer call() throws Exception {
            Path home = home();
            if (!split.present()) {
                return 2;
            }
            Path models = modelsOrNull(modelsDir);
            if (models == null) {
                return 2;
            }
            Path model = ModelArtifact.newestIn(models).orElseThrow();
            var result = LiveQuality.run(new LiveQuality.Settings(split.trainFiles(), split.testFiles(), model, Files.createTempDirectory("encore-quality-live"), java.time.Duration.ofSeconds(barrierSeconds), Map.of()), System.out);
            LiveQuality.report(result, split.train, split.test, out != null ? out : home.resolve("benchmarks/results"), System.out);
            return 0;
        }
    }

    @Command(name = "diversity", mixinStandardHelpOptions = true,
            description = "The ranker's diversity term against accuracy on the development split (streaming protocol).")
    static final class Diversity implements Callable<Integer> {
        @CommandLine.Mixin DevelopmentSplit split;
        @Option(names = "--values", split = ",", defaultValue = "0,0.05,0.1,0.2,0.3,0.5", paramLabel = "D",
                description = "rank.diversity values. Default: ${DEFAULT-VALUE}.") List<Double> values;
        @Option(names = "--out", description = "Where diversity.json, .md and .png go (default: benchmarks/results).") Path out;

        @Override
        public Integer call() throws Exception {
            Path home = home();
            if (!split.present()) {
                return 2;
            }
            if (values.stream().anyMatch(v -> v < 0 || v > 1)) {
                System.err.println("encore-bench: --values must lie from 0 to 1, as rank.diversity does");
                return 2;
            }
            Path results = out != null ? out : home.resolve("benchmarks/results");
            var weights = dev.encore.bench.quality.DiversitySweep.developmentWeights(home.resolve("benchmarks/results/quality.json"));
            var points = dev.encore.bench.quality.DiversitySweep.run(split.trainFiles(), split.testFiles(), values, weights, System.out);
            dev.encore.bench.quality.DiversitySweep.report(points, "benchmarks/bin/encore-bench diversity --values "
                    + values.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")), weights,
                    results, System.out);
            return 0;
        }
    }

    @Command(name = "exploration", mixinStandardHelpOptions = true,
            description = "Replay the development split through the real job, without and with an exploration slot: what the bandit learns, what it costs.")
    static final class Exploration implements Callable<Integer> {
        @CommandLine.Mixin DevelopmentSplit split;
        @Option(names = "--models-dir", description = "The newest model here is used (default: models).") Path modelsDir;
        @Option(names = "--slots", split = ",", defaultValue = "10,3", paramLabel = "RANK",
                description = "explore.rank values to replay, after a replay without a slot. Default: ${DEFAULT-VALUE}.")
        List<Integer> slots;
        @Option(names = "--memory", paramLabel = "LISTS", description = "explore.memory for the replays with a slot (default: the job's).")
        Integer memory;
        @Option(names = "--out", description = "Where exploration.json, .md and .png go (default: benchmarks/results).") Path out;

        @Override
        public Integer call() throws Exception {
            Path home = home();
            if (!split.present()) {
                return 2;
            }
            if (memory != null && memory < 1) {
                System.err.println("encore-bench: --memory must be a number of lists, 1 or more, was " + memory);
                return 2;
            }
            if (slots.stream().anyMatch(slot -> slot < 1 || slot > 10)) {
                System.err.println("encore-bench: --slots must be ranks from 1 to 10 (within the judged top 10), were " + slots);
                return 2;
            }
            Path models = modelsOrNull(modelsDir);
            if (models == null) {
                return 2;
            }
            Path model = ModelArtifact.newestIn(models).orElseThrow();
            List<dev.encore.bench.quality.ExplorationReplay.Run> runs = new java.util.ArrayList<>();
            for (int slot : java.util.stream.Stream.concat(java.util.stream.Stream.of(0), slots.stream()).toList()) {
                System.out.println("replaying with explore.rank=" + slot);
                var result = LiveQuality.run(new LiveQuality.Settings(split.trainFiles(), split.testFiles(), model,
                        Files.createTempDirectory("encore-exploration"), java.time.Duration.ofSeconds(300),
                        memory == null ? Map.of("explore.rank", Integer.toString(slot))
                                : Map.of("explore.rank", Integer.toString(slot), "explore.memory", Integer.toString(memory))), System.out);
                runs.add(new dev.encore.bench.quality.ExplorationReplay.Run(slot, result));
            }
            dev.encore.bench.quality.ExplorationReplay.report(runs, "benchmarks/bin/encore-bench exploration --slots "
                    + slots.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                    + (memory == null ? "" : " --memory " + memory),
                    out != null ? out : home.resolve("benchmarks/results"), System.out);
            return 0;
        }
    }

    @Command(name = "micro", mixinStandardHelpOptions = true, description = "JMH micro-benchmarks; extra arguments go to JMH.")
    static final class Micro implements Callable<Integer> {
        @CommandLine.Unmatched List<String> jmhArgs = new java.util.ArrayList<>();

        @Override
        public Integer call() throws Exception {
            org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
            return 0;
        }
    }
}
