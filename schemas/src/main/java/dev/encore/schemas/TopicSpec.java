package dev.encore.schemas;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A topic's name and the shape it is created with.
 *
 * @param partitions      default partition count (the stack and tests create it so; production sizes may differ)
 * @param compacted       true for latest-value-per-key topics
 * @param key             what the record key is, for readers of the contract
 * @param maxMessageBytes the largest record batch the topic takes; 0 for the broker's default
 */
public record TopicSpec(String name, int partitions, boolean compacted, String key, int maxMessageBytes) {
    public TopicSpec(String name, int partitions, boolean compacted, String key) {
        this(name, partitions, compacted, key, 0);
    }

    public String valueSubject() {
        return Topics.valueSubject(name);
    }

    /** The topic-level configs it is created with (the same in the stack, the tests and the Kubernetes manifests). */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", compacted ? "compact" : "delete");
        if (maxMessageBytes > 0) {
            configs.put("max.message.bytes", Integer.toString(maxMessageBytes));
        }
        return configs;
    }
}
