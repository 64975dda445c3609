package dev.encore.view;

import dev.encore.schemas.OutputSettlement;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions left open on the watched topics, and the records they hold back from read_committed readers.
 *
 * <p>A partition's read_committed end (last stable offset) cannot pass the first record of a transaction that is
 * still open, so one transaction that nobody commits or aborts hides every later record of that partition, from
 * every writer, from the view and from downstream teams, until the broker aborts it after its timeout (then its own
 * records are gone). The job commits at every checkpoint (about a second); a transaction open for
 * {@code stuckAfterMillis} is stuck, and is logged once as a warning with what it blocks.
 */
public final class OpenTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(OpenTransactions.class);

    /** An open transaction writing to a watched topic. */
    public record Open(String transactionalId, long producerId, int epoch, long startedMillis, Set<TopicPartition> partitions) {
    }

    private final Admin admin;
    private final Collection<String> topics;
    private final long stuckAfterMillis;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile List<Open> open = List.of();
    private volatile Map<TopicPartition, Long> heldBack = Map.of();
    private volatile long polledAt;

    public OpenTransactions(Admin admin, Collection<String> topics, long stuckAfterMillis) {
        this.admin = admin;
        this.topics = List.copyOf(topics);
        this.stuckAfterMillis = stuckAfterMillis;
    }

    /** Reads the open transactions and, given each watched partition's end, how many records each holds back. */
    void poll(Map<TopicPartition, Long> ends, long now) throws Exception {
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        ends.keySet().stream().filter(p -> topics.contains(p.topic())).forEach(p -> wanted.put(p, OffsetSpec.latest()));
        Map<TopicPartition, Long> held = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        admin.listOffsets(wanted, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS)
                .forEach((partition, stable) -> held.put(partition, Math.max(0, ends.get(partition) - stable.offset())));

        List<String> ids = admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
                .filter(t -> OutputSettlement.isOpen(t.state())).map(TransactionListing::transactionalId).toList();
        List<Open> found = new java.util.ArrayList<>();
        if (!ids.isEmpty()) {
            for (Map.Entry<String, TransactionDescription> e : admin.describeTransactions(ids).all().get(10, TimeUnit.SECONDS).entrySet()) {
                TransactionDescription d = e.getValue();
                Set<TopicPartition> watched = new java.util.TreeSet<>(java.util.Comparator.comparing(TopicPartition::toString));
                d.topicPartitions().stream().filter(p -> topics.contains(p.topic())).forEach(watched::add);
                if (OutputSettlement.isOpen(d.state()) && !watched.isEmpty()) {
                    found.add(new Open(e.getKey(), d.producerId(), d.producerEpoch(), d.transactionStartTimeMs().orElse(now), watched));
                }
            }
        }
        for (Open transaction : found) {
            long age = now - transaction.startedMillis();
            String key = transaction.transactionalId() + "/" + transaction.producerId() + "/" + transaction.epoch();
            if (age >= stuckAfterMillis && reported.add(key)) {
                LOG.warn("transaction {} (producer {}, epoch {}) has been open for {} s on {}: read_committed readers see none "
                        + "of those partitions' later records ({} held back) until it ends; the broker aborts it after "
                        + "its transaction.timeout.ms", transaction.transactionalId(), transaction.producerId(), transaction.epoch(),
                        age / 1000, transaction.partitions(), transaction.partitions().stream().mapToLong(p -> held.getOrDefault(p, 0L)).sum());
            }
        }
        open = List.copyOf(found);
        heldBack = held;
        polledAt = now;
    }

    public List<Open> open() {
        return open;
    }

    /** The open transactions older than the stuck threshold at the last poll. */
    public List<Open> stuck() {
        long now = polledAt;
        return open.stream().filter(t -> now - t.startedMillis() >= stuckAfterMillis).toList();
    }

    public Map<TopicPartition, Long> heldBack() {
        return heldBack;
    }

    void register(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("encore_open_transactions").help("Transactions open on a watched topic.")
                .labelNames("topic")
                .callback(gauge -> topics.forEach(topic -> gauge.call(onTopic(topic).size(), topic)))
                .register(registry);
        GaugeWithCallback.builder().name("encore_open_transaction_max_age_seconds")
                .help("Age of the oldest transaction open on a watched topic; past a few checkpoint intervals it is stuck.")
                .labelNames("topic")
                .callback(gauge -> {
                    long now = polledAt;
                    topics.forEach(topic -> gauge.call(onTopic(topic).stream()
                            .mapToLong(t -> Math.max(0, now - t.startedMillis())).max().orElse(0) / 1000.0, topic));
                })
                .register(registry);
        GaugeWithCallback.builder().name("encore_records_held_back")
                .help("Records past a partition's read_committed end: invisible to read_committed readers until their transaction ends.")
                .labelNames("topic", "partition")
                .callback(gauge -> heldBack.forEach((p, n) -> gauge.call(n, p.topic(), Integer.toString(p.partition()))))
                .register(registry);
    }

    private List<Open> onTopic(String topic) {
        return open.stream().filter(t -> t.partitions().stream().anyMatch(p -> p.topic().equals(topic))).toList();
    }
}
