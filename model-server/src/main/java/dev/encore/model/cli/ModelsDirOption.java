package dev.encore.model.cli;

import dev.encore.model.sasrec.ModelArtifact;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --models-dir}: where model versions are written and read, one sub-directory each. */
final class ModelsDirOption {
    @Option(names = "--models-dir", defaultValue = "models", description = "Where model versions are. Default: ${DEFAULT-VALUE}.")
    Path modelsDir;

    Path path() {
        return modelsDir;
    }

    Optional<Path> newest() throws IOException {
        return ModelArtifact.newestIn(modelsDir);
    }

    Path newestOrFail() throws IOException {
        return newest().orElseThrow(() -> new IllegalArgumentException("no model in " + modelsDir.toAbsolutePath()
                + ": train one with 'encore-model train --models-dir " + modelsDir + "'"));
    }
}
