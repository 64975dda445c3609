package dev.encore.model.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Model versions in a models directory: one sub-directory each, with a manifest; names sort by time. */
final class ModelVersions {
    private ModelVersions() {
    }

    static Optional<Path> newest(Path modelsDir) throws IOException {
        if (!Files.isDirectory(modelsDir)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(modelsDir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("manifest.json")))
                    .max(Comparator.comparing(d -> d.getFileName().toString()));
        }
    }
}
