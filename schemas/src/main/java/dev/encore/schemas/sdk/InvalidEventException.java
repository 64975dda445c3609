package dev.encore.schemas.sdk;

import java.util.List;

/** An event the SDK refuses to send; the message names each bad field and what it must be. */
public class InvalidEventException extends IllegalArgumentException {
    private final List<EventViolation> violations;

    public InvalidEventException(List<EventViolation> violations) {
        super("invalid event: " + String.join("; ", violations.stream().map(EventViolation::toString).toList()));
        this.violations = List.copyOf(violations);
    }

    public List<EventViolation> violations() {
        return violations;
    }
}
