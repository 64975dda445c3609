package dev.encore.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The newest complete checkpoint under a local checkpoint directory ({@code <dir>/<job id>/chk-<n>/_metadata}),
 * for {@code restore.from=latest}: a job process that was killed starts again from where its last checkpoint left it,
 * whichever run of the job wrote it. A checkpoint is complete once its {@code _metadata} exists.
 */
public final class LatestCheckpoint {
    public static final String LATEST = "latest";

    private LatestCheckpoint() {
    }

    /** The newest complete checkpoint under {@code checkpoints} (a path or a {@code file:} URI), if any. */
    public static Optional<Path> under(String checkpoints) {
        Path root = checkpoints.startsWith("file:") ? Path.of(URI.create(checkpoints)) : Path.of(checkpoints);
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(root)) {
            return jobs.filter(Files::isDirectory).flatMap(LatestCheckpoint::checkpointsOf)
                    .filter(chk -> Files.isRegularFile(chk.resolve("_metadata")))
                    .max(Comparator.comparing(LatestCheckpoint::completedAt));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the checkpoints under " + root, e);
        }
    }

    private static Stream<Path> checkpointsOf(Path job) {
        try (Stream<Path> entries = Files.list(job)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("chk-")).toList().stream();
        } catch (IOException e) {
            // A job directory removed while we looked (Flink subsuming checkpoints): nothing to offer.
            return Stream.empty();
        }
    }

    private static FileTime completedAt(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata"));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
