package dev.encore.model.methods;

import dev.encore.model.online.OnlineState;
import dev.encore.model.online.UserHistory;
import java.time.Instant;

/** A request for the next track: the user's history as of {@code time}, and what the stream has learned. */
public record Query(String userId, UserHistory user, Instant time, OnlineState state) {
}
