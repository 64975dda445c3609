package dev.encore.schemas.testing;

import dev.encore.schema.ClientInfo;
import dev.encore.schema.EventType;
import dev.encore.schema.PlayContext;
import dev.encore.schema.PlaySource;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.listening.ListeningLog;
import dev.encore.schemas.listening.PlaySkipRule;
import dev.encore.schemas.listening.ThirtyMusicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Events for tests: one with every field set, and real ones from the bundled 30Music sample. */
public final class SampleEvents {
    private SampleEvents() {
    }

    /** The bundled real sample, relative to this module. */
    public static final Path SAMPLE = Path.of("../deploy/sample/30music-200ks_test.0.txt");

    public static UserEvent full() {
        return UserEvent.newBuilder()
                .setEventId("4f0c8e36-5d0a-4b8b-9d55-0a8f5a1f6c11")
                .setUserId("user-42")
                .setTrackId("track-7")
                .setArtistId("artist-3")
                .setType(EventType.SKIP)
                .setEventTime(Instant.parse("2024-05-01T12:00:00.123Z"))
                .setPlayedMs(12_500)
                .setTrackDurationMs(215_000L)
                .setContext(PlayContext.newBuilder().setSource(PlaySource.RECOMMENDATION)
                        .setRecommendationId("c1d2e3f4-0000-4000-8000-000000000001").build())
                .setClient(ClientInfo.newBuilder().setPlatform("android").setVersion("8.9.1").build())
                .build();
    }

    /** The first {@code n} events of the real sample, in the order the replay sends them. */
    public static List<UserEvent> real(int n) {
        try {
            ListeningLog log = new ThirtyMusicReader(PlaySkipRule.DEFAULT).read(List.of(SAMPLE));
            return log.listens().stream().limit(n).map(l -> l.toUserEvent()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
