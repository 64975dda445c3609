package dev.encore.view;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag of the watched groups, in offsets and in seconds, named as kafka-lag-exporter names them, and
 * the latest offset of the watched topics (whose rate is events in, lists out, dead letters). Lag in seconds
 * is estimated the way kafka-lag-exporter does it: each poll records when every partition's latest offset
 * was seen, and a group's lag is how long ago the partition's end was where the group's committed offset is
 * now (interpolated between polls).
 */
public final class LagMonitor {
    private static final int HISTORY = 120;

    /** One poll's view of a partition's end. */
    private record Sample(long offset, long millis) {
    }

    /** What a group has committed on a partition and how far behind that is. */
    public record Lag(String group, TopicPartition partition, long lag, double seconds) {
    }

    private final Admin admin;
    private final List<String> groups;
    private final List<String> topics;
    private final Clock clock;
    private final OpenTransactions transactions;
    private final Map<TopicPartition, Deque<Sample>> history = new ConcurrentHashMap<>();
    private volatile List<Lag> lags = List.of();
    private volatile Map<TopicPartition, Long> latest = Map.of();

    public LagMonitor(Admin admin, List<String> groups, List<String> topics, Clock clock) {
        this.admin = admin;
        this.groups = List.copyOf(groups);
        this.topics = List.copyOf(topics);
        this.clock = clock;
        this.transactions = new OpenTransactions(admin, topics, STUCK_TRANSACTION_MILLIS);
    }

    /** An open transaction this old has missed many of the job's commits (one per checkpoint, about a second). */
    static final long STUCK_TRANSACTION_MILLIS = 60_000;

    /** Reads the ends of the watched topics and every group's committed offsets. */
    public synchronized void poll() throws Exception {
        long now = clock.millis();
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            committed.put(group, offsets);
            offsets.keySet().forEach(p -> wanted.put(p, OffsetSpec.latest()));
        }
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, description) ->
                description.partitions().forEach(p -> wanted.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = admin.listOffsets(wanted).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        answer.forEach((partition, info) -> {
            ends.put(partition, info.offset());
            Deque<Sample> samples = history.computeIfAbsent(partition, p -> new ArrayDeque<>());
            if (samples.isEmpty() || samples.peekLast().offset() != info.offset()) {
                samples.addLast(new Sample(info.offset(), now));
                if (samples.size() > HISTORY) {
                    samples.removeFirst();
                }
            }
        });
        List<Lag> found = new java.util.ArrayList<>();
        committed.forEach((group, offsets) -> offsets.forEach((partition, offset) -> {
            if (offset == null || !ends.containsKey(partition)) {
                return;
            }
            long lag = Math.max(0, ends.get(partition) - offset.offset());
            found.add(new Lag(group, partition, lag, lag == 0 ? 0 : secondsBehind(partition, offset.offset(), now)));
        }));
        lags = List.copyOf(found);
        latest = Map.copyOf(ends);
        transactions.poll(ends, now);
    }

    /** The transactions open on the watched topics, as of the last poll. */
    public OpenTransactions transactions() {
        return transactions;
    }

    /** How long ago the partition's end reached {@code offset}, interpolated between the polls around it. */
    private double secondsBehind(TopicPartition partition, long offset, long now) {
        Deque<Sample> samples = history.get(partition);
        Sample before = null;
        for (Sample sample : samples) {
            if (sample.offset() > offset) {
                if (before == null) {
                    // Behind everything we have seen: at least as old as our oldest sample.
                    return (now - sample.millis()) / 1000.0;
                }
                double share = (double) (offset - before.offset()) / (sample.offset() - before.offset());
                double at = before.millis() + share * (sample.millis() - before.millis());
                return Math.max(0, now - at) / 1000.0;
            }
            before = sample;
        }
        return 0;
    }

    public List<Lag> lags() {
        return lags;
    }

    /** The end offsets of every partition of {@code topic}, summed, as of the last poll (0 before the first). */
    public long endOffsetSum(String topic) {
        return latest.entrySet().stream().filter(e -> e.getKey().topic().equals(topic)).mapToLong(Map.Entry::getValue).sum();
    }

    /** Registers the lag figures, read from the last poll at each scrape. */
    public void register(PrometheusRegistry registry) {
        perPartition(registry, "kafka_consumergroup_group_lag", "Offsets a group is behind, per partition.", Lag::lag);
        perPartition(registry, "kafka_consumergroup_group_lag_seconds", "Estimated seconds a group is behind, per partition.", Lag::seconds);
        perGroup(registry, "kafka_consumergroup_group_max_lag", "Largest lag of a group over its partitions.",
                lags -> lags.stream().mapToLong(Lag::lag).max().orElse(0));
        perGroup(registry, "kafka_consumergroup_group_max_lag_seconds", "Largest estimated lag of a group in seconds.",
                lags -> lags.stream().mapToDouble(Lag::seconds).max().orElse(0));
        perGroup(registry, "kafka_consumergroup_group_sum_lag", "Total lag of a group over its partitions.",
                lags -> lags.stream().mapToLong(Lag::lag).sum());
        GaugeWithCallback.builder().name("kafka_partition_latest_offset").help("End offset of a watched partition.")
                .labelNames("topic", "partition")
                .callback(gauge -> latest.forEach((partition, end) -> {
                    if (topics.contains(partition.topic())) {
                        gauge.call(end, partition.topic(), Integer.toString(partition.partition()));
                    }
                }))
                .register(registry);
        transactions.register(registry);
    }

    private void perPartition(PrometheusRegistry registry, String name, String help, ToDoubleFunction<Lag> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("group", "topic", "partition")
                .callback(gauge -> lags.forEach(l -> gauge.call(value.applyAsDouble(l), l.group(), l.partition().topic(),
                        Integer.toString(l.partition().partition()))))
                .register(registry);
    }

    private void perGroup(PrometheusRegistry registry, String name, String help, ToDoubleFunction<List<Lag>> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("group")
                .callback(gauge -> lags.stream().collect(Collectors.groupingBy(Lag::group, LinkedHashMap::new, Collectors.toList()))
                        .forEach((group, lags) -> gauge.call(value.applyAsDouble(lags), group)))
                .register(registry);
    }
}
