package dev.encore.stack;

import dev.encore.schemas.OutputSettlement;
import dev.encore.schemas.Topics;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a job has consumed the events topic to its end and its output has settled, so an {@link OutputAudit}
 * after it sees everything the job will write. The job commits its consumer position on each checkpoint, so the
 * group's committed offsets reaching the end means every event is in a completed checkpoint and its lists committed.
 */
final class JobDrain {
    private static final Duration LIMIT = Duration.ofMinutes(3);

    private JobDrain() {
    }

    static void await(StackEndpoints endpoints, String groupId) throws Exception {
        try (Admin admin = Admin.create(endpoints.kafkaClient(Map.of()))) {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (true) {
                Map<TopicPartition, Long> behind = behind(admin, groupId);
                if (behind.isEmpty()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the job did not consume the events topic to its end within "
                            + LIMIT.toMinutes() + " min; behind: " + behind);
                }
                Thread.sleep(500);
            }
            OutputSettlement.await(admin, List.of(Topics.RECOMMENDATIONS, Topics.DEAD_LETTERS), LIMIT);
        }
    }

    /** The events partitions where the group's committed position is short of the end, and by how much. */
    private static Map<TopicPartition, Long> behind(Admin admin, String groupId) throws Exception {
        var committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < Topics.EVENTS.partitions(); p++) {
            latest.put(new TopicPartition(Topics.EVENTS.name(), p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> behind = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((partition, end) -> {
            var position = committed.get(partition);
            long gap = end.offset() - (position == null ? 0 : position.offset());
            if (gap > 0) {
                behind.put(partition, gap);
            }
        });
        return behind;
    }
}
