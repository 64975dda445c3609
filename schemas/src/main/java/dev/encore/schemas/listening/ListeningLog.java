package dev.encore.schemas.listening;

import java.util.List;

/**
 * Listens read from one or more log files, ordered by the time their events are sent (ties keep file order),
 * and the lines that could not be used.
 */
public record ListeningLog(List<Listen> listens, List<MalformedLine> malformed, long linesRead) {
    public ListeningLog {
        listens = List.copyOf(listens);
        malformed = List.copyOf(malformed);
    }
}
