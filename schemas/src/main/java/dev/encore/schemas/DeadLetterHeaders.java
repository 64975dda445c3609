package dev.encore.schemas;

/** Header names on dead-letter records; the value and key are the original bytes, untouched. */
public final class DeadLetterHeaders {
    private DeadLetterHeaders() {
    }

    /** Machine-readable reason, e.g. {@code BAD_MAGIC_BYTE} or {@code INVALID_EVENT}. */
    public static final String REASON = "encore.dlq.reason";
    /** Human-readable detail of the reason. */
    public static final String DETAIL = "encore.dlq.detail";
    public static final String SOURCE_TOPIC = "encore.dlq.source.topic";
    public static final String SOURCE_PARTITION = "encore.dlq.source.partition";
    public static final String SOURCE_OFFSET = "encore.dlq.source.offset";
}
