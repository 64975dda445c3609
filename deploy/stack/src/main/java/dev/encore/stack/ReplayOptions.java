package dev.encore.stack;

import dev.encore.schemas.listening.PlaySkipRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by {@code replay} and {@code stack --replay}. */
final class ReplayOptions {
    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "30Music session files (header UserId SessionId ItemId Time ArtistId); default: the bundled sample.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--speed", defaultValue = "max", converter = ReplaySpeed.Converter.class,
            description = "'max' (as fast as possible) or N times real time, e.g. 60. Default: ${DEFAULT-VALUE}.")
    ReplaySpeed speed;

    @Option(names = "--skip-below", defaultValue = "30", paramLabel = "SECONDS",
            description = "A track followed by the next within this many seconds is a SKIP. Default: ${DEFAULT-VALUE}.")
    long skipBelowSeconds;

    @Option(names = "--max-played", defaultValue = "600", paramLabel = "SECONDS",
            description = "Longest play derived from a gap (longer gaps are pauses). Default: ${DEFAULT-VALUE}.")
    long maxPlayedSeconds;

    @Option(names = "--last-played", defaultValue = "210", paramLabel = "SECONDS",
            description = "Assumed play time of a session's last track. Default: ${DEFAULT-VALUE}.")
    long lastPlayedSeconds;

    @Option(names = "--limit", paramLabel = "N", description = "Send at most N events.")
    Long limit;

    List<Path> filesOrSample() {
        return files.isEmpty() ? List.of(StackPaths.bundledSample()) : files;
    }

    PlaySkipRule rule() {
        return new PlaySkipRule(Duration.ofSeconds(skipBelowSeconds), Duration.ofSeconds(maxPlayedSeconds),
                Duration.ofSeconds(lastPlayedSeconds));
    }
}
