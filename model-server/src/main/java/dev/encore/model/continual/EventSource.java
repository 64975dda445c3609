package dev.encore.model.continual;

import dev.encore.model.data.Interaction;
import java.time.Duration;
import java.util.List;

/** Where a continual trainer reads events from: the events topic in production, a list in tests. */
public interface EventSource extends AutoCloseable {

    /** The next events, oldest first; empty when none arrived within {@code timeout}. */
    List<Interaction> poll(Duration timeout);

    @Override
    void close();
}
