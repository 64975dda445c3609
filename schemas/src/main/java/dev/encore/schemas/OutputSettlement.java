package dev.encore.schemas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether transactional output has settled: no transaction open on its topics and every partition's read_committed
 * end (last stable offset) at its end. Only then does a read_committed reader see everything written. Right after a
 * writer commits, the commit markers may not have reached every partition yet; a transaction left open holds back
 * every later record of the partitions it touched.
 */
public final class OutputSettlement {
    private static final Set<TransactionState> OPEN = Set.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT,
            TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

    private OutputSettlement() {
    }

    /** Whether a transaction in {@code state} can still hold back a partition's last stable offset. */
    public static boolean isOpen(TransactionState state) {
        return OPEN.contains(state);
    }

    /** Waits until the output on {@code topics} has settled; fails after {@code timeout} with what is still open. */
    public static void await(Admin admin, List<TopicSpec> topics, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String evidence;
        while ((evidence = unsettled(admin, topics)) != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("output not settled within " + timeout.toSeconds() + " s: " + evidence);
            }
            Thread.sleep(200);
        }
    }

    /** Null when settled; otherwise the open transactions (with their partitions) and the partitions held back. */
    public static String unsettled(Admin admin, List<TopicSpec> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> wanted = new java.util.HashMap<>();
        List<String> names = topics.stream().map(TopicSpec::name).toList();
        admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, description) ->
                description.partitions().forEach(p -> wanted.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(wanted).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> stable = admin.listOffsets(wanted,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS);
        List<String> open = admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
                .filter(t -> isOpen(t.state())).map(TransactionListing::transactionalId).sorted().toList();
        List<String> problems = new ArrayList<>();
        if (!open.isEmpty()) {
            admin.describeTransactions(open).all().get(10, TimeUnit.SECONDS).forEach((id, d) -> {
                if (d.topicPartitions().stream().anyMatch(p -> names.contains(p.topic()))) {
                    problems.add("transaction " + id + " (producer " + d.producerId() + ", epoch " + d.producerEpoch() + ") "
                            + d.state() + " since " + d.transactionStartTimeMs().orElse(-1) + " on " + d.topicPartitions());
                }
            });
        }
        end.keySet().stream().sorted(java.util.Comparator.comparing(TopicPartition::toString)).forEach(p -> {
            if (stable.get(p).offset() != end.get(p).offset()) {
                problems.add(p + " read_committed end " + stable.get(p).offset() + " < end " + end.get(p).offset());
            }
        });
        return problems.isEmpty() ? null : String.join("; ", problems);
    }
}
