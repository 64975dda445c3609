package dev.encore.stack;

import dev.encore.schemas.TopicSpec;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the system's topics with their partitions and compaction; topics that exist are left as they are. */
final class TopicProvisioner {
    private TopicProvisioner() {
    }

    /** @return how many topics were created (the rest existed) */
    static int ensure(Admin admin, List<TopicSpec> topics, short replication) throws InterruptedException {
        int created = 0;
        for (TopicSpec topic : topics) {
            NewTopic request = new NewTopic(topic.name(), topic.partitions(), replication)
                    .configs(topic.configs());
            try {
                admin.createTopics(List.of(request)).all().get();
                created++;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e);
                }
            }
        }
        return created;
    }
}
