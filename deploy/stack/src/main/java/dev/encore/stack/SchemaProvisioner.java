package dev.encore.stack;

import dev.encore.schemas.TopicSpec;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * Registers each topic's value schema under {@code <topic>-value}, as a release step would: producers and
 * the job then run with auto-registration off, so an unreviewed schema change cannot reach a topic.
 */
final class SchemaProvisioner {
    private SchemaProvisioner() {
    }

    /** @return subject name to schema id */
    static Map<String, Integer> registerAll(SchemaRegistryClient registry) {
        Map<String, Integer> ids = new TreeMap<>();
        for (Map.Entry<TopicSpec, Schema> entry : Topics.valueSchemas().entrySet()) {
            String subject = entry.getKey().valueSubject();
            ids.put(subject, registry.register(subject, entry.getValue()));
        }
        return ids;
    }
}
