package dev.encore.bench.e2e;

import dev.encore.schema.UserEvent;

/** Where load events come from; each call gives the next event, stamped with the time it is meant to be sent. */
public interface EventSource {
    UserEvent next(long intendedMillis);

    /** One line for the report. */
    String describe();
}
