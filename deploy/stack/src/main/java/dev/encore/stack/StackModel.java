package dev.encore.stack;

import dev.encore.local.ManagedProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Makes sure the stack has a model to score with: the newest one under {@code models/}, or, on a fresh machine,
 * one trained on the bundled sample (about a minute on two cores, once).
 */
final class StackModel {
    private static final Duration TRAINING_LIMIT = Duration.ofMinutes(20);

    private StackModel() {
    }

    static Path modelsDir() {
        return StackPaths.home().resolve("models");
    }

    static void ensure(Path workDir, PrintStream out) throws IOException {
        Path models = modelsDir();
        if (Files.isDirectory(models)) {
            try (var versions = Files.list(models)) {
                var newest = versions.filter(d -> Files.isRegularFile(d.resolve("manifest.json")))
                        .map(d -> d.getFileName().toString()).max(String::compareTo);
                if (newest.isPresent()) {
                    out.println("model: " + newest.get() + " (newest under " + models + ")");
                    return;
                }
            }
        }
        Path sample = StackPaths.bundledSample();
        out.println("model: none yet; training one on the bundled sample (first run only, about a minute; log: "
                + workDir.resolve("model-training.log") + ") ...");
        ManagedProcess.runToCompletion("model-training", ProjectApp.MODEL.command(List.of("train",
                "--data-dir", sample.getParent().toString(), "--train", sample.getFileName().toString(),
                "--epochs", "8", "--models-dir", models.toString())), workDir, TRAINING_LIMIT);
        // The trainer's last line says which epoch it kept, with what validation quality, and where the model went.
        List<String> log = Files.readAllLines(workDir.resolve("model-training.log"));
        out.println("model: " + (log.isEmpty() ? "trained" : log.get(log.size() - 1).strip()));
    }
}
