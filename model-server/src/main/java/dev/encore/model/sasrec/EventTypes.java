package dev.encore.model.sasrec;

import dev.encore.schema.EventType;

/** Input ids of event types; 0 is padding, so a SKIP and a PLAY of the same track read differently. */
final class EventTypes {
    static final int COUNT = 6;

    private EventTypes() {
    }

    static int id(EventType type) {
        return switch (type) {
            case PLAY -> 1;
            case SKIP -> 2;
            case LIKE -> 3;
            case DISLIKE -> 4;
            default -> 5;
        };
    }
}
