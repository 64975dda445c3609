package dev.encore.schemas.listening;

import dev.encore.schema.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives PLAY and SKIP from a log that has only start times. A track that was followed by the user's next
 * track in the same session within {@code skipBelow} was skipped; otherwise it played for the gap, capped
 * at {@code maxPlayed} (a long gap is a pause, not a long track). The session's last track has no next one:
 * it counts as a PLAY of {@code lastPlayed}. The event is sent when the play ends.
 *
 * <p>The replay tool and the model's data reader both use this one rule, so that the model learns from
 * exactly the events the live pipeline sees.
 */
public record PlaySkipRule(Duration skipBelow, Duration maxPlayed, Duration lastPlayed) {
    /** 30 s is the usual threshold in skip research (and Spotify's own "skipped" cut-off). */
    public static final PlaySkipRule DEFAULT = new PlaySkipRule(Duration.ofSeconds(30), Duration.ofMinutes(10),
            Duration.ofSeconds(210));

    public PlaySkipRule {
        if (skipBelow.isNegative() || maxPlayed.compareTo(skipBelow) < 0 || lastPlayed.isNegative()
                || lastPlayed.compareTo(maxPlayed) > 0) {
            throw new IllegalArgumentException("need 0 <= skipBelow <= maxPlayed and 0 <= lastPlayed <= maxPlayed, got "
                    + skipBelow + ", " + maxPlayed + ", " + lastPlayed);
        }
    }

    /** @param session one session's rows, in time order */
    public List<Listen> derive(List<ListenRow> session) {
        List<Listen> listens = new ArrayList<>(session.size());
        for (int i = 0; i < session.size(); i++) {
            ListenRow row = session.get(i);
            Instant start = row.startedAt();
            Listen listen;
            if (i + 1 < session.size()) {
                Duration gap = Duration.between(start, session.get(i + 1).startedAt());
                if (gap.compareTo(skipBelow) < 0) {
                    listen = new Listen(row, i, EventType.SKIP, gap.toMillis(), start.plus(gap));
                } else {
                    Duration played = gap.compareTo(maxPlayed) > 0 ? maxPlayed : gap;
                    listen = new Listen(row, i, EventType.PLAY, played.toMillis(), start.plus(played));
                }
            } else {
                listen = new Listen(row, i, EventType.PLAY, lastPlayed.toMillis(), start.plus(lastPlayed));
            }
            listens.add(listen);
        }
        return listens;
    }
}
