package dev.encore.schemas.listening;

import java.time.Instant;

/** One line of a listening log: a user started a track at a time, within a session. */
public record ListenRow(String file, long line, String userId, String sessionId, String trackId, String artistId,
                        Instant startedAt) {
}
