package dev.encore.stream.recommend;

import dev.encore.schema.EventType;
import dev.encore.stream.sequence.Trigger;

/**
 * An event a new list answers, with what attribution needs: the track and what the listener did with it, and the
 * list and rank the player said it came from ({@code fromList} empty and {@code fromListRank} 0 when it said none).
 */
public record AnsweredEvent(String trackId, EventType type, String fromList, int fromListRank) {

    public static AnsweredEvent of(Trigger trigger) {
        return new AnsweredEvent(trigger.trackId(), trigger.type(), trigger.fromList(), trigger.fromListRank());
    }
}
