package dev.encore.stack;

import dev.encore.schema.EventType;
import java.util.Map;

/**
 * What a replay did. Every line read is accounted for: it was malformed, or became an event that was sent,
 * refused by validation, failed to send, or was left out by {@code --limit}.
 */
record ReplayResult(long linesRead, long malformedLines, long sent, long refused, long failed,
                    Map<EventType, Long> sentByType) {
}
