package dev.encore.schemas;

/**
 * A topic's name and the shape it is created with.
 *
 * @param partitions default partition count (the stack and tests create it so; production sizes may differ)
 * @param compacted  true for latest-value-per-key topics
 * @param key        what the record key is, for readers of the contract
 */
public record TopicSpec(String name, int partitions, boolean compacted, String key) {
    public String valueSubject() {
        return Topics.valueSubject(name);
    }
}
