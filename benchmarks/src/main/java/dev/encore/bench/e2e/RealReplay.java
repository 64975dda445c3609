package dev.encore.bench.e2e;

import dev.encore.schema.UserEvent;
import dev.encore.schemas.listening.Listen;
import dev.encore.schemas.listening.PlaySkipRule;
import dev.encore.schemas.listening.ThirtyMusicReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Real 30Music listening in its order, time-compressed: each event keeps its user, track, artist, type and
 * play time but gets a fresh id and the send time as its event time. The log repeats when it runs out.
 */
public final class RealReplay implements EventSource {
    private final List<UserEvent> events;
    private final String description;
    private int next;

    public RealReplay(List<Path> files) throws IOException {
        List<Listen> listens = new ThirtyMusicReader(PlaySkipRule.DEFAULT).read(files).listens();
        this.events = listens.stream().sorted(Comparator.comparing(Listen::eventTime)).map(Listen::toUserEvent).toList();
        this.description = String.format("real 30Music replay, time-compressed (%,d events from %s, repeated as needed)",
                events.size(), files.stream().map(p -> p.getFileName().toString()).toList());
    }

    public List<UserEvent> events() {
        return events;
    }

    @Override
    public UserEvent next(long intendedMillis) {
        UserEvent template = events.get(next);
        next = (next + 1) % events.size();
        return UserEvent.newBuilder(template).setEventId(UUID.randomUUID().toString())
                .setEventTime(Instant.ofEpochMilli(intendedMillis)).build();
    }

    @Override
    public String describe() {
        return description;
    }
}
