package dev.encore.stack;

import dev.encore.schema.RecommendedItem;
import dev.encore.schema.Recommendations;
import dev.encore.schemas.RecommendationHeaders;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.AvroWireCodec;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The live feed the stack prints: reads the recommendations topic as a downstream reader would (read_committed,
 * new records only) and prints, each second, how many lists arrived, their latency, and a few of them (user,
 * top tracks with their sources). Latency runs from the event reaching Kafka: to the list being ranked by the job,
 * and to the list being visible to readers (which adds the exactly-once commit at the next checkpoint). Every few
 * seconds it adds the job's live quality per model version (how often the list in force held the next track) and,
 * when an experiment runs, each arm's acceptance rate with its 95% interval.
 */
final class RecommendationFeed implements Runnable {
    private static final int SHOWN_PER_SECOND = 3;
    private static final int TRACKS_SHOWN = 5;
    private static final long QUALITY_EVERY_MILLIS = 5000;

    private final StackEndpoints endpoints;
    private final List<URI> jobMetrics;
    private final PrintStream out;
    private volatile boolean running = true;
    private long qualityShownAt;
    private long predictionsShown;
    private String versionShown;

    RecommendationFeed(StackEndpoints endpoints, List<String> jobMetricsUrls, PrintStream out) {
        this.endpoints = endpoints;
        this.jobMetrics = jobMetricsUrls.stream().map(URI::create).toList();
        this.out = out;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        AvroWireCodec<Recommendations> codec = new AvroWireCodec<>(Recommendations.class,
                new SchemaRegistryClient(endpoints.registryUrl()), false);
        Map<String, Object> props = endpoints.kafkaClient(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            String topic = Topics.RECOMMENDATIONS.name();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            List<Recommendations> second = new ArrayList<>();
            List<long[]> latencies = new ArrayList<>();
            long total = 0;
            long windowStart = System.currentTimeMillis();
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Recommendations list = codec.decode(record.value());
                    second.add(list);
                    var ingested = record.headers().lastHeader(RecommendationHeaders.TRIGGER_INGESTED_AT);
                    if (ingested != null) {
                        long at = Long.parseLong(new String(ingested.value(), StandardCharsets.US_ASCII));
                        latencies.add(new long[] {list.getGeneratedAt().toEpochMilli() - at, System.currentTimeMillis() - at});
                    }
                }
                if (System.currentTimeMillis() - windowStart >= 1000) {
                    total += second.size();
                    print(second, latencies, total);
                    printQuality();
                    second.clear();
                    latencies.clear();
                    windowStart = System.currentTimeMillis();
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                out.println("feed stopped: " + e.getMessage());
            }
        }
    }

    private void print(List<Recommendations> lists, List<long[]> latencies, long total) {
        if (lists.isEmpty()) {
            return;
        }
        // Versions are named by time, so newer sorts later; each scoring task swaps on its own timer, so lists of the
        // previous version can still arrive for a few seconds after the first list of the next.
        for (Recommendations list : lists) {
            if (!list.getDegraded() && (versionShown == null || list.getModelVersion().compareTo(versionShown) > 0)) {
                out.printf("model %s now ranks the lists%s%n", list.getModelVersion(),
                        versionShown == null ? "" : " (swapped from " + versionShown + " without a restart)");
                versionShown = list.getModelVersion();
            }
        }
        long degraded = lists.stream().filter(Recommendations::getDegraded).count();
        out.printf("recommendations: %,d this second (%,d in all), %d degraded; latency from event: ranked p50 %s, visible p50 %s%n",
                lists.size(), total, degraded, median(latencies, 0), median(latencies, 1));
        Map<String, Recommendations> latestPerUser = new java.util.LinkedHashMap<>();
        for (int i = lists.size() - 1; i >= 0 && latestPerUser.size() < SHOWN_PER_SECOND; i--) {
            latestPerUser.putIfAbsent(lists.get(i).getUserId(), lists.get(i));
        }
        for (Recommendations list : latestPerUser.values()) {
            String tracks = list.getItems().stream().limit(TRACKS_SHOWN)
                    .map(RecommendedItem::getTrackId).collect(Collectors.joining(" "));
            String sources = list.getItems().stream().limit(TRACKS_SHOWN)
                    .map(i -> i.getSource().name()).collect(Collectors.joining(","));
            out.printf("  user %-8s -> %s  [%s]%s%n", list.getUserId(), tracks.isEmpty() ? "(nothing yet)" : tracks, sources,
                    list.getDegraded() ? "  degraded" : "");
        }
    }

    /** The job's live hit rate and NDCG@10 per model version, when it has judged new events since last shown. */
    private void printQuality() {
        long now = System.currentTimeMillis();
        if (now - qualityShownAt < QUALITY_EVERY_MILLIS) {
            return;
        }
        qualityShownAt = now;
        List<JobMetricsText.Sample> samples = JobMetricsText.scrape(jobMetrics);
        var figures = JobLiveQuality.totals(samples);
        long predictions = figures.values().stream().mapToLong(JobLiveQuality.Figures::predictions).sum();
        if (predictions == predictionsShown) {
            return;
        }
        predictionsShown = predictions;
        figures.forEach((version, f) -> out.printf("live quality, model %s: HR@10 %.3f, NDCG@10 %.3f over %,d next events%n",
                version, f.hitRate(), f.ndcg(), f.predictions()));
        Map<String, ArmAcceptance> arms = ArmAcceptance.byArm(samples);
        if (arms.size() > 1) {
            arms.forEach((arm, a) -> out.printf("acceptance, arm %s: %.1f%% of %,d events (%,d lists; compare: deploy/bin/encore report)%n",
                    arm, 100 * a.rate(), a.judged(), a.lists()));
        }
    }

    private static String median(List<long[]> latencies, int column) {
        if (latencies.isEmpty()) {
            return "n/a";
        }
        List<Long> values = new ArrayList<>(latencies.stream().map(l -> l[column]).toList());
        Collections.sort(values);
        return values.get(values.size() / 2) + " ms";
    }
}
