package dev.encore.bench.e2e;

import dev.encore.local.KafkaBroker;
import dev.encore.local.Ports;
import dev.encore.local.SchemaRegistryServer;
import dev.encore.model.scoring.ModelBatchEvent;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.TopicSpec;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.AvroWireCodec;
import dev.encore.stream.JobConfig;
import dev.encore.stream.JobEnvironment;
import dev.encore.stream.RecommendationJob;
import dev.encore.stream.StageReachedEvent;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The end-to-end benchmark: a real broker and registry (processes), the job on a MiniCluster in this JVM, and
 * open-loop load stepped up until the job falls behind; the same for the passthrough baseline, in both delivery
 * modes, one after the other in one run so that the ratio compares like with like.
 */
public final class E2eBenchmark {
    /**
     * What to run; {@code jobSettings} override job settings in every run (e.g. {@code job.parallelism=1}). Each job
     * first runs {@code warmUpSeconds} at {@code warmUpRate}, unmeasured: a job runs for days, and in its first
     * minutes the JIT is still compiling (a tenth of the machine at 2,000 events/s 80 s after the start) and a model
     * call takes several times as long as later.
     */
    public record Settings(List<Double> rates, double stepSeconds, List<JobConfig.Delivery> modes, EventSource source,
                           Path modelsDir, Path workDir, Map<String, String> jobSettings, double warmUpSeconds, double warmUpRate) {
    }

    /**
     * A step is sustained only if its p99 stays within this, plus the checkpoint interval under exactly-once (by
     * the answered share alone, the passthrough "kept up" with 128,000 events/s at p50 2.8 s).
     */
    static final long P99_BOUND_MILLIS = 1_000;
    /** How long after a step's end its answers are waited for (exactly-once: plus the checkpoint interval). */
    static final long GRACE_MILLIS = 3_000;
    /** The prefix of the Kafka client ids of the load generator and the probe (not the job under test). */
    public static final String BENCH_CLIENT_ID = "encore-bench";
    private final Settings settings;
    private final PrintStream log;

    public E2eBenchmark(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** Runs everything; returns one run per job and mode, and the RSS of each process (KB) at the end. */
    public Result run() throws Exception {
        List<JobRun> runs = new ArrayList<>();
        Map<String, Long> rss = new HashMap<>();
        try (Bed bed = Bed.open(settings.workDir())) {
            int runNumber = 0;
            for (JobConfig.Delivery mode : settings.modes()) {
                for (String job : List.of("passthrough", "pipeline")) {
                    resetTopics(bed.admin());
                    bed.load().forget();
                    JobConfig config = config(bed, mode, ++runNumber, Map.of());
                    runs.add(measure(job, config, bed.load()));
                    rss.merge("job (MiniCluster JVM, " + job + ")", rssKb(ProcessHandle.current().pid()), Math::max);
                }
            }
            rss.put("kafka broker", rssKb(bed.broker().pid()));
            rss.put("schema registry", rssKb(bed.registry().pid()));
        }
        return new Result(runs, rss);
    }

    /**
     * The real broker and registry (processes), an admin client and the open-loop load every run shares. The two
     * processes are also stopped when the JVM ends before {@link #close()} (Ctrl-C, a timeout): left running, they
     * would hold memory and CPU under the next benchmark.
     */
    record Bed(KafkaBroker broker, SchemaRegistryServer registry, Admin admin, KafkaProducer<byte[], byte[]> producer,
               OpenLoopLoad load, Thread stopOnExit) implements AutoCloseable {
        static Bed open(Path workDir) throws Exception {
            Files.createDirectories(workDir);
            KafkaBroker broker = KafkaBroker.start(workDir, Ports.findFree(), Ports.findFree());
            SchemaRegistryServer registry;
            try {
                registry = SchemaRegistryServer.start(workDir, Ports.findFree(), Ports.findFree());
            } catch (Exception | Error e) {
                broker.close(); // else the broker process outlives the failed benchmark
                throw e;
            }
            Thread stopOnExit = new Thread(() -> {
                registry.close();
                broker.close();
            }, "stop-bench-services");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            SchemaRegistryClient registryClient = new SchemaRegistryClient(registry.url());
            Topics.valueSchemas().forEach((spec, schema) -> registryClient.register(spec.valueSubject(), schema));
            KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.<String, Object>of(
                    "bootstrap.servers", broker.bootstrapServers(), "acks", "1", "linger.ms", "1",
                    // Named so that a profile can tell the load generator's Kafka work from the job's.
                    "client.id", BENCH_CLIENT_ID + "-load"),
                    new ByteArraySerializer(), new ByteArraySerializer());
            return new Bed(broker, registry, Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers())), producer,
                    new OpenLoopLoad(producer, new AvroWireCodec<>(UserEvent.class, registryClient, false)), stopOnExit);
        }

        @Override
        public void close() {
            producer.close();
            admin.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                return; // the hook stops the processes
            }
            registry.close();
            broker.close();
        }
    }

    /** All runs and the processes' resident memory. */
    public record Result(List<JobRun> runs, Map<String, Long> rssKb) {
    }

    private JobConfig config(Bed bed, JobConfig.Delivery mode, int run, Map<String, String> extra) {
        Map<String, String> overrides = new HashMap<>(settings.jobSettings());
        overrides.putAll(extra);
        overrides.put("kafka.bootstrap-servers", bed.broker().bootstrapServers());
        overrides.put("registry.url", bed.registry().url());
        overrides.put("kafka.group-id", "bench-" + run);
        overrides.put("sink.transactional-id-prefix", "bench-" + run);
        overrides.put("sink.delivery", mode.name().toLowerCase().replace('_', '-'));
        overrides.put("state.dir", settings.workDir().resolve("flink-" + run).toString());
        overrides.put("metrics.prometheus-port", "");
        overrides.put("scoring.models-dir", settings.modelsDir().toString());
        return JobConfig.load(null, overrides);
    }

    /** What one coalescing window did to one step of load. */
    public record Coalescing(long windowMillis, long sent, long lists, double p50Ms, double p99Ms, long drainMillis) {
    }

    /**
     * The pipeline at one offered rate with each coalescing window in turn (at-least-once): how many lists it
     * wrote per event, their latency from the due time of the event they answer, and how long the backlog
     * took to drain after the step.
     */
    public List<Coalescing> coalescing(double rate, double seconds, List<Long> windowsMillis) throws Exception {
        List<Coalescing> results = new ArrayList<>();
        try (Bed bed = Bed.open(settings.workDir())) {
            int run = 100;
            for (long window : windowsMillis) {
                resetTopics(bed.admin());
                bed.load().forget();
                JobConfig config = config(bed, JobConfig.Delivery.AT_LEAST_ONCE, ++run, Map.of("coalesce.window", window + "ms"));
                StreamExecutionEnvironment env = JobEnvironment.create(config);
                RecommendationJob.build(env, config);
                JobClient client = env.executeAsync("coalescing-" + window);
                try (OutputProbe probe = warmedUp(config, bed.load())) {
                    long start = System.currentTimeMillis();
                    JobCpu cpu = JobCpu.start();
                    long listsBefore = probe.listsRead();
                    long sent = bed.load().offer(settings.source(), rate, seconds);
                    long end = System.currentTimeMillis();
                    awaitQuiet(probe, start, 120_000);
                    List<OutputProbe.Seen> seen = probe.dueBetween(start, end + 1);
                    long lists = probe.listsRead() - listsBefore;
                    long drain = Math.max(0, seen.stream().mapToLong(OutputProbe.Seen::readMillis).max().orElse(end) - end);
                    StepResult step = StepResult.of(rate, sent, seen, Long.MAX_VALUE, cpu.millisSinceStart());
                    results.add(new Coalescing(window, sent, lists, step.p50Ms(), step.p99Ms(), drain));
                    log.printf("  coalesce %d ms at %,.0f/s: %,d events -> %,d lists (%.2f per event), p50 %.0f ms, p99 %.0f ms, drained %d ms after%n",
                            window, rate, sent, lists, (double) lists / sent, step.p50Ms(), step.p99Ms(), drain);
                } finally {
                    client.cancel().get(60, TimeUnit.SECONDS);
                }
            }
        }
        return results;
    }

    /**
     * The pipeline (at-least-once) at one offered rate, recorded by Java Flight Recorder ("profile" settings plus
     * the model batch events) from after the warm-up to the end of the step; the recording is written to
     * {@code recording}.
     */
    /**
     * One step at {@code rate} under JFR, after {@code warmUpSeconds} at the same rate unrecorded: the JIT compiles
     * the job's hot code during the first seconds at a real rate (a fifth of the machine), which is not the
     * steady state a profile is for.
     */
    public StepResult profile(double rate, double seconds, double warmUpSeconds, Path recording) throws Exception {
        try (Bed bed = Bed.open(settings.workDir())) {
            resetTopics(bed.admin());
            bed.load().forget();
            JobConfig config = config(bed, JobConfig.Delivery.AT_LEAST_ONCE, 200, Map.of());
            StreamExecutionEnvironment env = JobEnvironment.create(config);
            RecommendationJob.build(env, config);
            JobClient client = env.executeAsync("profile");
            try (OutputProbe probe = warmedUp(config, bed.load());
                 jdk.jfr.Recording jfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
                if (warmUpSeconds > 0) {
                    unmeasured(probe, bed.load(), rate, warmUpSeconds, 60_000);
                }
                jfr.enable(ModelBatchEvent.NAME);
                jfr.enable(StageReachedEvent.NAME);
                jfr.enable("jdk.ThreadCPULoad").withPeriod(java.time.Duration.ofSeconds(1));
                jfr.start();
                StepResult step = step(probe, bed.load(), rate, seconds, GRACE_MILLIS, Long.MAX_VALUE);
                jfr.stop();
                jfr.dump(recording);
                log.printf("  offered %,.0f/s: sent %,d, answered %,d, p50 %.0f ms, p99 %.0f ms, job CPU %.0f ms per 1,000 events%n",
                        rate, step.sent(), step.received(), step.p50Ms(), step.p99Ms(), step.cpuMsPer1000());
                return step;
            } finally {
                client.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** A probe on the output, after a few seconds of light load (task deployment, RocksDB, the model's first calls). */
    private OutputProbe warmedUp(JobConfig config, OpenLoopLoad load) throws InterruptedException {
        OutputProbe probe = new OutputProbe(config.bootstrapServers(), load);
        unmeasured(probe, load, 50, 5, 30_000);
        return probe;
    }

    /** Offers load that no step counts, then waits until its answers stop arriving; returns how many events it sent. */
    private long unmeasured(OutputProbe probe, OpenLoopLoad load, double rate, double seconds, long quietLimitMillis)
            throws InterruptedException {
        long start = System.currentTimeMillis();
        long sent = load.offer(settings.source(), rate, seconds);
        awaitQuiet(probe, start, quietLimitMillis);
        return sent;
    }

    private JobRun measure(String job, JobConfig config, OpenLoopLoad load) throws Exception {
        String mode = config.delivery() == JobConfig.Delivery.EXACTLY_ONCE ? "exactly-once" : "at-least-once";
        log.printf("== %s, %s ==%n", job, mode);
        StreamExecutionEnvironment env = JobEnvironment.create(config);
        if (job.equals("pipeline")) {
            RecommendationJob.build(env, config);
        } else {
            PassthroughJob.build(env, config);
        }
        JobClient client = env.executeAsync(job);
        long commitWait = config.delivery() == JobConfig.Delivery.EXACTLY_ONCE ? config.checkpointInterval().toMillis() : 0;
        long grace = GRACE_MILLIS + commitWait;
        long p99Bound = P99_BOUND_MILLIS + commitWait;
        try (OutputProbe probe = warmedUp(config, load)) {
            if (settings.warmUpSeconds() > 0) {
                long sent = unmeasured(probe, load, settings.warmUpRate(), settings.warmUpSeconds(), 120_000);
                log.printf("  warm-up: %,d events at %,.0f/s for %.0f s, not measured%n", sent, settings.warmUpRate(), settings.warmUpSeconds());
            }
            List<StepResult> steps = new ArrayList<>();
            double max = 0;
            for (double rate : settings.rates()) {
                StepResult step = step(probe, load, rate, settings.stepSeconds(), grace, p99Bound);
                steps.add(step);
                log.printf("  offered %,8.0f/s: sent %,d, answered %,d, p50 %.0f ms, p99 %.0f ms, job CPU %.0f ms per 1,000 events -> %s%n",
                        rate, step.sent(), step.received(), step.p50Ms(), step.p99Ms(), step.cpuMsPer1000(),
                        step.sustainable() ? "sustained" : "fell behind (fewer than 99% answered, or p99 over " + p99Bound + " ms)");
                if (!step.sustainable()) {
                    break;
                }
                max = rate;
            }
            awaitQuiet(probe, System.currentTimeMillis() - 600_000, 120_000);
            StepResult half = null;
            if (max > 0) {
                half = step(probe, load, max / 2, settings.stepSeconds() * 2, grace, p99Bound);
                log.printf("  at half the maximum (%,.0f/s): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n", max / 2,
                        half.p50Ms(), half.p95Ms(), half.p99Ms(), half.maxMs());
            }
            return new JobRun(job, mode, steps, max, half);
        } finally {
            client.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    private StepResult step(OutputProbe probe, OpenLoopLoad load, double rate, double seconds, long graceMillis, long p99BoundMillis)
            throws InterruptedException {
        long start = System.currentTimeMillis();
        JobCpu cpu = JobCpu.start();
        long sent = load.offer(settings.source(), rate, seconds);
        long end = System.currentTimeMillis();
        long deadline = end + graceMillis;
        while (System.currentTimeMillis() < deadline && probe.dueBetween(start, end).size() < sent) {
            Thread.sleep(50);
        }
        List<OutputProbe.Seen> seen = probe.dueBetween(start, end + 1);
        return StepResult.of(rate, sent, seen, p99BoundMillis, cpu.millisSinceStart());
    }

    /** Waits until no output has arrived for a second (a backlog drained), at most {@code limitMillis}. */
    private static void awaitQuiet(OutputProbe probe, long since, long limitMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + limitMillis;
        int last = -1;
        while (System.currentTimeMillis() < deadline) {
            int now = probe.dueBetween(since, Long.MAX_VALUE).size();
            if (now == last && now > 0) {
                return;
            }
            last = now;
            Thread.sleep(1000);
        }
    }

    static void resetTopics(Admin admin) throws Exception {
        List<String> names = Topics.ALL.stream().map(TopicSpec::name).toList();
        var existing = admin.listTopics().names().get();
        List<String> delete = names.stream().filter(existing::contains).toList();
        if (!delete.isEmpty()) {
            admin.deleteTopics(delete).all().get();
            while (admin.listTopics().names().get().stream().anyMatch(delete::contains)) {
                Thread.sleep(200);
            }
        }
        List<NewTopic> topics = new ArrayList<>();
        for (TopicSpec spec : Topics.ALL) {
            topics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()));
        }
        while (true) {
            try {
                admin.createTopics(topics).all().get();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
