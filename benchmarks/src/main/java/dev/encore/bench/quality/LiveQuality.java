package dev.encore.bench.quality;

import dev.encore.model.data.Interaction;
import dev.encore.model.eval.Evaluator;
import dev.encore.model.eval.Protocol;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.RankedItem;
import dev.encore.model.live.Source;
import dev.encore.model.methods.LiveRecommender;
import dev.encore.model.methods.MethodSuite;
import dev.encore.model.sasrec.ModelArtifact;
import dev.encore.model.scoring.SasRecScorer;
import dev.encore.schema.Recommendations;
import dev.encore.schema.RecommendedItem;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.Topics;
import dev.encore.schemas.listening.Listen;
import dev.encore.schemas.listening.PlaySkipRule;
import dev.encore.schemas.listening.ThirtyMusicReader;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.AvroWireCodec;
import dev.encore.stream.JobConfig;
import dev.encore.stream.JobEnvironment;
import dev.encore.stream.RecommendationJob;
import dev.encore.local.KafkaBroker;
import dev.encore.local.Ports;
import dev.encore.local.SchemaRegistryServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The quality of what the job emits: the training and test windows are replayed in event-time order, the judged
 * events paced so that no list is made after the future reached the job ({@link UserPacedReplay}), through the real job (Flink MiniCluster with RocksDB and checkpoints, a real broker
 * and registry, exactly-once sink, the model embedded),
 * every list is read back as a downstream reader reads it, and each test event is scored against the list the
 * job made from that user's previous event, by the evaluation's own metrics. Beside it, the same recommender
 * run offline ({@link LiveRecommender}) on the same events: the two figures must agree.
 */
public final class LiveQuality {
    /** What to replay and with which model; {@code jobSettings} are job config overrides on top of the replay's. */
    public record Settings(List<Path> trainFiles, List<Path> testFiles, Path modelDir, Path workDir, Duration barrier,
                           Map<String, String> jobSettings) {
    }

    /**
     * Both figures, and how many lists the job wrote; {@code replayed} every event in the order sent (the first
     * {@code trainEvents} from the training files), {@code lists} what the job wrote by trigger event id.
     */
    public record Result(Evaluator.Result evaluation, long eventsReplayed, long listsRead, String modelVersion,
                         double jobSeconds, double identicalShare, Duration barrier, List<Listen> replayed, int trainEvents,
                         Map<String, List<RankedItem>> lists) {
    }

    public static final String JOB = "job output (quality-live)";

    private LiveQuality() {
    }

    public static Result run(Settings settings, PrintStream log) throws Exception {
        List<Listen> train = sorted(settings.trainFiles());
        List<Listen> test = sorted(settings.testFiles());
        List<Listen> all = new ArrayList<>(train);
        all.addAll(test);
        long distinct = all.stream().map(l -> l.toUserEvent().getEventId()).distinct().count();
        if (distinct != all.size()) {
            throw new IllegalArgumentException((all.size() - distinct) + " events share an id (a session split across the "
                    + "training and test files?): lists are matched to events by id, give each session to one side");
        }
        Files.createDirectories(settings.workDir());
        // The job scores with the newest model in its models dir: give it a folder holding only this one.
        Path models = Files.createDirectories(settings.workDir().resolve("models"));
        Path version = models.resolve(settings.modelDir().getFileName());
        if (!Files.exists(version)) {
            Files.createSymbolicLink(version, settings.modelDir().toAbsolutePath());
        }
        Map<String, List<RankedItem>> lists;
        java.util.NavigableMap<Long, List<RankedItem>> newListenerLists;
        double jobSeconds;
        try (KafkaBroker broker = KafkaBroker.start(settings.workDir(), Ports.findFree(), Ports.findFree());
             SchemaRegistryServer registry = SchemaRegistryServer.start(settings.workDir(), Ports.findFree(), Ports.findFree());
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            Topics.valueSchemas().forEach((spec, schema) -> client.register(spec.valueSubject(), schema));
            List<NewTopic> topics = new ArrayList<>();
            Topics.ALL.forEach(spec -> topics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs())));
            admin.createTopics(topics).all().get();
            Map<String, String> overrides = new HashMap<>(Map.of(
                    "kafka.bootstrap-servers", broker.bootstrapServers(),
                    "registry.url", registry.url(),
                    "metrics.prometheus-port", "",
                    "state.dir", settings.workDir().resolve("flink").toString(),
                    "scoring.models-dir", models.toString(),
                    // Nothing waits on the model here: a slow call must not turn into a degraded list.
                    "scoring.timeout", "30s",
                    // Judged per event, as the offline evaluation judges: every event must get its own list.
                    "scoring.skip-superseded", "false",
                    // Window 3 starts two months after training ends: the job must not forget users in between.
                    "state.ttl", "365d"));
            overrides.putAll(settings.jobSettings());
            JobConfig config = JobConfig.load(null, overrides);
            var env = JobEnvironment.create(config);
            RecommendationJob.build(env, config);
            JobClient job = env.executeAsync("quality-live");
            long start = System.nanoTime();
            try {
                // In event-time order, each user's event only after the list for their previous one: every event
                // meets the shared state (co-listening, artists, trending) built before it, as in production. Sent
                // all at once, the partitions run apart by thousands of events, and a user's next event can reach
                // the shared state before the list for the previous one is made.
                UserPacedReplay.run(broker.bootstrapServers(), new AvroWireCodec<>(UserEvent.class, client, false),
                        new AvroWireCodec<>(Recommendations.class, client, false), all, train.size(), settings.barrier(), log);
                lists = awaitLists(broker.bootstrapServers(), new AvroWireCodec<>(Recommendations.class, client, false),
                        all.size(), log);
                newListenerLists = new java.util.TreeMap<>();
                for (Recommendations list : readAll(broker.bootstrapServers(), new AvroWireCodec<>(Recommendations.class, client, false),
                        Topics.NEW_LISTENER_LISTS.name())) {
                    newListenerLists.put(list.getTriggerEventTime().toEpochMilli(), items(list));
                }
                jobSeconds = (System.nanoTime() - start) / 1e9;
            } finally {
                job.cancel().get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            log.printf("the job wrote %,d lists in %.0f s%n", lists.size(), jobSeconds);
        }
        List<Interaction> fitted = train.stream().map(Interaction::of).toList();
        List<Interaction> tested = test.stream().map(Interaction::of).toList();
        List<String> ids = all.stream().map(l -> l.toUserEvent().getEventId().toString()).toList();
        try (ModelArtifact.Loaded loaded = ModelArtifact.load(settings.modelDir())) {
            String modelVersion = loaded.manifest().modelVersion();
            LiveRecommender offline = new LiveRecommender(MethodSuite.LIVE, JobConfig.defaultsOnly().liveSettings(),
                    loaded.weights(), new SasRecScorer(loaded.model(), modelVersion), Exclusions.SKIPPED_AND_JUST_PLAYED);
            JobLists job = new JobLists(JOB, lists, ids, newListenerLists, JobConfig.defaultsOnly().outOfOrderness());
            Agreement agreement = new Agreement(offline, job, log);
            Evaluator.Result result = Evaluator.run(Protocol.STREAMING, fitted, tested, List.of(offline, job, agreement), log::println);
            return new Result(result, all.size(), lists.size(), modelVersion, jobSeconds, agreement.share(), settings.barrier(),
                    all, train.size(), lists);
        }
    }

    /** Prints both figures and their difference, and writes {@code quality-live.json} to {@code results}. */
    public static void report(Result result, List<String> train, List<String> test, Path results, PrintStream out)
            throws java.io.IOException {
        var methods = new java.util.LinkedHashMap<>(result.evaluation().methods());
        methods.remove("agreement");
        var offline = methods.get(MethodSuite.LIVE);
        var job = methods.get(JOB);
        double relative = (job.ndcg() - offline.ndcg()) / offline.ndcg();
        for (var method : methods.entrySet()) {
            out.printf("%-40s NDCG@10 %.4f  HR@10 %.4f  MRR@10 %.4f%n", method.getKey(), method.getValue().ndcg(),
                    method.getValue().hr(), method.getValue().mrr());
        }
        result.evaluation().firstEvents().entrySet().stream().filter(e -> !e.getKey().equals("agreement")).forEach(e -> out.printf("%-40s new listeners' first events (%,d): NDCG@10 %.4f  HR@10 %.4f%n",
                e.getKey(), result.evaluation().firstEventsOfNewUsers(), e.getValue().ndcg(), e.getValue().hr()));
        out.printf("job vs offline: %+.2f%% NDCG@10 (%,d predictions); the two top 10s identical for %.1f%% of them%n",
                100 * relative, result.evaluation().predictions(), 100 * result.identicalShare());
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("command", "benchmarks/bin/encore-bench quality-live --barrier " + result.barrier().toSeconds() + "s");
        json.put("barrier_seconds", result.barrier().toSeconds());
        json.put("date", java.time.Instant.now().toString());
        json.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version().feature());
        json.put("train", train);
        json.put("test", test);
        json.put("model_version", result.modelVersion());
        json.put("events_replayed", result.eventsReplayed());
        json.put("lists_read", result.listsRead());
        json.put("job_seconds", Math.round(result.jobSeconds()));
        json.put("predictions", result.evaluation().predictions());
        json.put("methods", methods);
        var firstEvents = new java.util.LinkedHashMap<>(result.evaluation().firstEvents());
        var secondEvents = new java.util.LinkedHashMap<>(result.evaluation().secondEvents());
        firstEvents.remove("agreement");
        secondEvents.remove("agreement");
        json.put("first_events_of_new_users", result.evaluation().firstEventsOfNewUsers());
        json.put("first_events", firstEvents);
        json.put("second_events_of_new_users", result.evaluation().secondEventsOfNewUsers());
        json.put("second_events", secondEvents);
        json.put("job_vs_offline_ndcg_relative", relative);
        json.put("identical_top10_share", result.identicalShare());
        Files.createDirectories(results);
        new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValue(results.resolve("quality-live.json").toFile(), json);
        out.println("written to " + results.resolve("quality-live.json"));
    }

    private static List<Listen> sorted(List<Path> files) throws Exception {
        return new ThirtyMusicReader(PlaySkipRule.DEFAULT).read(files).listens().stream()
                .sorted(Comparator.comparing(Listen::eventTime)).toList();
    }

    /** Reads committed lists until there is one per event; fails once a minute passes without a new one. */
    private static Map<String, List<RankedItem>> awaitLists(String bootstrap, AvroWireCodec<Recommendations> codec, int expected,
                                                            PrintStream log) throws InterruptedException {
        Map<String, List<RankedItem>> lists = read(bootstrap, codec);
        long lastProgress = System.currentTimeMillis();
        int seen = lists.size();
        while (lists.size() < expected) {
            if (System.currentTimeMillis() - lastProgress > 60_000) {
                throw new IllegalStateException("the job committed lists for " + lists.size() + " of " + expected
                        + " events and no more for a minute: see the job's log above");
            }
            log.printf("%,d of %,d lists committed so far%n", lists.size(), expected);
            Thread.sleep(5000);
            lists = read(bootstrap, codec);
            if (lists.size() > seen) {
                seen = lists.size();
                lastProgress = System.currentTimeMillis();
            }
        }
        return lists;
    }

    /** Every committed list, by the event that triggered it; none may be degraded (the figure would not measure the recommender). */
    private static Map<String, List<RankedItem>> read(String bootstrap, AvroWireCodec<Recommendations> codec) {
        Map<String, List<RankedItem>> lists = new HashMap<>();
        for (Recommendations recommendations : readAll(bootstrap, codec, Topics.RECOMMENDATIONS.name())) {
            if (recommendations.getDegraded()) {
                throw new IllegalStateException("a degraded list (ranked without the model) for event "
                        + recommendations.getTriggerEventId() + ": the figure would not measure the recommender");
            }
            lists.put(recommendations.getTriggerEventId().toString(), items(recommendations));
        }
        return lists;
    }

    /** Every committed record of {@code topic}, in partition order. */
    private static List<Recommendations> readAll(String bootstrap, AvroWireCodec<Recommendations> codec, String topic) {
        List<Recommendations> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        out.add(codec.decode(record.value()));
                    }
                }
            }
        }
        return out;
    }

    private static List<RankedItem> items(Recommendations recommendations) {
        List<RankedItem> items = new ArrayList<>();
        for (RecommendedItem item : recommendations.getItems()) {
            items.add(new RankedItem(item.getTrackId().toString(), "", item.getScore(), item.getRank(),
                    sourceOf(item), item.getReason().toString(), item.getExplored()));
        }
        return items;
    }

    private static Source sourceOf(RecommendedItem item) {
        for (Source source : Source.values()) {
            if (source.wire() == item.getSource()) {
                return source;
            }
        }
        throw new IllegalStateException("a list item from no known source: " + item.getSource());
    }
}
