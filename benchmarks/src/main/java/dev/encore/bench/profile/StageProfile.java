package dev.encore.bench.profile;

import dev.encore.bench.e2e.E2eBenchmark;
import dev.encore.model.scoring.ModelBatchEvent;
import dev.encore.stream.StageReachedEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the job's time went, from a Java Flight Recorder file: each stack sample is charged to the pipeline stage
 * whose code is innermost on its stack (chained operators call each other, so the innermost one is the one
 * working) and to what kind of work its innermost recognisable frame does (RocksDB, serialization, torch, ...).
 * Java samples ({@code jdk.ExecutionSample}) are threads running Java code; native samples
 * ({@code jdk.NativeMethodSample}) are threads inside native code (torch, RocksDB), minus those that only wait
 * there (socket polls, parks), so both measure work. Threads' own CPU load ({@code jdk.ThreadCPULoad}) gives the
 * ground truth per thread, {@code encore.ModelBatch} events give the model calls' duration and queueing, and
 * {@code encore.StageReached} events how long after its Kafka timestamp each event reached each stage.
 */
public final class StageProfile {
    /** Stages, matched by class-name prefix from the innermost frame outwards; the first match names the stage. */
    private static final String BENCH_PACKAGE = "dev.encore.bench.";
    static final String NOT_THE_JOB = "load generator + output probe (not the job)";
    private static final Map<String, String> STAGES = linked(
            "dev.encore.stream.ingest.EventDecoder", "decode + validate",
            "dev.encore.stream.ingest.RawRecordDeserializer", "source: raw record",
            "dev.encore.stream.sequence.UserSequenceFunction", "user sequence (RocksDB keyed state)",
            "dev.encore.stream.colisten.CoListeningFunction", "co-listening",
            "dev.encore.stream.colisten.ArtistTracksFunction", "artist tracks",
            "dev.encore.stream.trending.", "trending",
            "org.apache.flink.streaming.runtime.operators.windowing.", "trending",
            "dev.encore.stream.recommend.RecommendFunction", "order + coalesce + candidates",
            "dev.encore.stream.scoring.", "model call (rescore)",
            "dev.encore.model.scoring.", "model call (rescore)",
            "org.apache.flink.streaming.api.operators.async.", "async operator (rescore queue)",
            "dev.encore.stream.rank.RecommendationsSerializer", "sink: Avro serialization of lists",
            "dev.encore.stream.rank.RerankFunction", "rerank + live quality",
            "dev.encore.stream.ingest.DeadLetterSerializer", "dead-letter sink",
            "org.apache.flink.connector.kafka.sink.", "sink: Kafka producer",
            "org.apache.kafka.clients.producer.", "sink: Kafka producer",
            "org.apache.flink.connector.kafka.source.", "source: Kafka fetch",
            "org.apache.flink.connector.base.source.", "source: Kafka fetch",
            "org.apache.kafka.clients.consumer.", "source: Kafka fetch",
            "org.apache.flink.runtime.checkpoint.", "checkpointing");
    /** Kinds of work, matched the same way on the innermost recognisable frame. */
    private static final Map<String, String> KINDS = linked(
            "org.rocksdb.", "RocksDB",
            "org.apache.flink.state.", "keyed state (RocksDB backend)",
            "ai.djl.", "torch (DJL)",
            "org.apache.avro.", "Avro",
            "com.esotericsoftware.kryo.", "Flink serialization (Kryo)",
            "org.apache.flink.api.common.typeutils.", "Flink serialization",
            "org.apache.flink.api.java.typeutils.", "Flink serialization",
            "org.apache.flink.runtime.io.network.", "Flink network buffers",
            "org.apache.flink.runtime.io.", "Flink network buffers",
            "org.apache.kafka.", "Kafka client",
            "com.fasterxml.jackson.", "JSON",
            "org.apache.logging.", "logging",
            "org.slf4j.", "logging",
            "dev.encore.", "Encore code",
            "org.apache.flink.", "Flink runtime");
    /** Native frames where a thread waits rather than works. */
    private static final Set<String> WAITS = Set.of("sun.nio.ch.EPoll.wait", "sun.nio.ch.Net.poll", "sun.nio.ch.Net.accept",
            "jdk.internal.misc.Unsafe.park", "java.lang.Object.wait", "java.lang.Thread.sleep", "java.lang.Thread.sleep0",
            "sun.nio.ch.SocketDispatcher.read0", "sun.nio.ch.NioSocketImpl.accept", "java.lang.Thread.yield",
            "java.lang.Object.wait0", "sun.nio.ch.EPoll.epollWait", "java.io.FileInputStream.readBytes",
            "java.lang.ProcessHandleImpl.waitForProcessExit0");

    /** Samples charged to one stage, by kind of work. */
    public record Stage(String name, long javaSamples, long nativeSamples, Map<String, Long> byKind) {
        long total() {
            return javaSamples + nativeSamples;
        }
    }

    /** A thread group's mean CPU load over the recording, as a share of the whole machine. */
    public record ThreadLoad(String threads, double machineShare) {
    }

    /** Model calls: how many, how large, how long, how long their oldest request queued. */
    public record ModelBatches(long calls, double meanSize, double callP50Ms, double callP99Ms, double queuedP50Ms, double queuedP99Ms) {
    }

    /** How long after their Kafka timestamp the step's events reached one stage (JFR {@code encore.StageReached}). */
    public record Reached(String stage, long events, double p50Ms, double p90Ms, double p99Ms) {
    }

    /** The whole breakdown. */
    public record Breakdown(List<Stage> stages, List<ThreadLoad> threads, ModelBatches batches, List<Reached> reached,
                            double seconds) {
        /** All samples charged to the job (the load generator and probe left out). */
        public long jobSamples() {
            return stages.stream().filter(s -> !s.name().equals(NOT_THE_JOB)).mapToLong(Stage::total).sum();
        }
    }

    private StageProfile() {
    }

    /** Reads {@code recording} and charges its samples. */
    public static Breakdown of(Path recording) throws IOException {
        Map<String, long[]> counts = new HashMap<>();
        Map<String, Map<String, Long>> kinds = new HashMap<>();
        Map<String, double[]> threadLoads = new HashMap<>();
        List<double[]> batches = new ArrayList<>();
        Map<String, List<Long>> sinceIngest = new HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                long at = event.getStartTime().toEpochMilli();
                first = Math.min(first, at);
                last = Math.max(last, at);
                switch (type) {
                    case "jdk.ExecutionSample" -> charge(event, 0, counts, kinds);
                    case "jdk.NativeMethodSample" -> {
                        if (!waiting(event.getStackTrace())) {
                            charge(event, 1, counts, kinds);
                        }
                    }
                    case "jdk.ThreadCPULoad" -> {
                        // Some threads come back without a name through the consumer API; they are left out of the table.
                        if (event.getThread("eventThread") == null || event.getThread("eventThread").getJavaName() == null) {
                            continue;
                        }
                        String thread = group(event.getThread("eventThread").getJavaName());
                        double[] sum = threadLoads.computeIfAbsent(thread, t -> new double[1]);
                        sum[0] += event.getFloat("user") + event.getFloat("system");
                    }
                    case ModelBatchEvent.NAME -> batches.add(new double[] {event.getInt("size"),
                            event.getDuration().toNanos() / 1e6, event.getLong("queuedNanos") / 1e6});
                    case StageReachedEvent.NAME -> sinceIngest.computeIfAbsent(event.getString("stage"), k -> new ArrayList<>())
                            .add(event.getDuration("sinceIngest").toMillis());
                    default -> { }
                }
            }
        }
        List<Stage> stages = new ArrayList<>();
        counts.forEach((name, c) -> stages.add(new Stage(name, c[0], c[1], sortedDescending(kinds.get(name)))));
        stages.sort(Comparator.comparingLong(Stage::total).reversed());
        double seconds = Math.max(1, (last - first) / 1000.0);
        // ThreadCPULoad is sampled once a second per thread: the sum over samples divided by the seconds is the mean.
        List<ThreadLoad> threads = new ArrayList<>();
        threadLoads.forEach((name, sum) -> threads.add(new ThreadLoad(name, sum[0] / seconds)));
        threads.sort(Comparator.comparingDouble(ThreadLoad::machineShare).reversed());
        return new Breakdown(stages, threads, summarise(batches), reached(sinceIngest), seconds);
    }

    private static void charge(RecordedEvent event, int column, Map<String, long[]> counts, Map<String, Map<String, Long>> kinds) {
        RecordedStackTrace stack = event.getStackTrace();
        String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
        // The load generator and the probe run in this JVM too, with Kafka clients of their own: their work is
        // recognised by a benchmark frame anywhere on the stack or by their clients' thread names, not charged to
        // the job's source or sink.
        String stage = thread != null && thread.contains(E2eBenchmark.BENCH_CLIENT_ID) ? NOT_THE_JOB : null;
        String kind = null;
        if (stack != null) {
            for (RecordedFrame frame : stack.getFrames()) {
                String type = frame.getMethod().getType().getName();
                if (type.startsWith(BENCH_PACKAGE)) {
                    stage = NOT_THE_JOB;
                }
                if (kind == null) {
                    kind = match(KINDS, type);
                }
            }
            for (RecordedFrame frame : stack.getFrames()) {
                if (stage != null) {
                    break;
                }
                stage = match(STAGES, frame.getMethod().getType().getName());
            }
        }
        if (stage == null) {
            stage = "other: " + group(thread);
        }
        counts.computeIfAbsent(stage, s -> new long[2])[column]++;
        kinds.computeIfAbsent(stage, s -> new HashMap<>()).merge(kind == null ? "JDK" : kind, 1L, Long::sum);
    }

    private static boolean waiting(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return true;
        }
        RecordedFrame top = stack.getFrames().get(0);
        return WAITS.contains(top.getMethod().getType().getName() + "." + top.getMethod().getName());
    }

    private static String match(Map<String, String> rules, String type) {
        for (Map.Entry<String, String> rule : rules.entrySet()) {
            if (type.startsWith(rule.getKey())) {
                return rule.getValue();
            }
        }
        return null;
    }

    /** Thread names without subtask and attempt numbers, so one operator's threads are one row. */
    static String group(String thread) {
        return thread.replaceAll(" \\(\\d+/\\d+\\)#\\d+", "").replaceAll("-\\d+$", "-N").replaceAll("\\d+", "N");
    }

    private static ModelBatches summarise(List<double[]> batches) {
        if (batches.isEmpty()) {
            return new ModelBatches(0, 0, 0, 0, 0, 0);
        }
        double[] sizes = batches.stream().mapToDouble(b -> b[0]).toArray();
        double[] calls = batches.stream().mapToDouble(b -> b[1]).sorted().toArray();
        double[] queued = batches.stream().mapToDouble(b -> b[2]).sorted().toArray();
        return new ModelBatches(batches.size(), Arrays.stream(sizes).average().orElse(0), quantile(calls, 0.5), quantile(calls, 0.99),
                quantile(queued, 0.5), quantile(queued, 0.99));
    }

    /** In the order an event passes the stages. */
    private static List<Reached> reached(Map<String, List<Long>> sinceIngest) {
        List<Reached> reached = new ArrayList<>();
        for (String stage : StageReachedEvent.STAGES) {
            List<Long> millis = sinceIngest.get(stage);
            if (millis != null) {
                double[] sorted = millis.stream().mapToDouble(Long::doubleValue).sorted().toArray();
                reached.add(new Reached(stage, sorted.length, quantile(sorted, 0.5), quantile(sorted, 0.9), quantile(sorted, 0.99)));
            }
        }
        return reached;
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    private static Map<String, Long> sortedDescending(Map<String, Long> map) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        map.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
