package dev.encore.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.local.ManagedProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Makes sure the stack has a model to score with: the newest one under {@code models/}, or, on a fresh machine,
 * one trained on all the listening data it can find: the four development windows in {@code ../shared/data} when
 * they are there, otherwise the bundled sample (once; a few minutes on two cores). It says which, and how the
 * model's lists are ranked.
 */
final class StackModel {
    private static final Duration TRAINING_LIMIT = Duration.ofMinutes(20);

    private StackModel() {
    }

    /** The artifact format this build's model code reads ({@code ModelArtifact.FORMAT_VERSION}; the stack does not link it). */
    static final int MODEL_FORMAT = 3;

    static Path modelsDir() {
        return StackPaths.home().resolve("models");
    }

    /** What to train on when there is no model yet. */
    enum TrainingData {
        /** The development windows when present, else the sample. */
        FOUND,
        /** The bundled sample only (quick; what the tests use). */
        SAMPLE
    }

    static final List<String> WINDOWS = List.of("30music-200ks_test.0.txt", "30music-200ks_test.1.txt",
            "30music-200ks_test.2.txt", "30music-200ks_test.3.txt");

    static void ensure(Path workDir, TrainingData data, PrintStream out) throws IOException {
        Path models = modelsDir();
        if (Files.isDirectory(models)) {
            try (var versions = Files.list(models)) {
                var newest = versions.filter(d -> Files.isRegularFile(d.resolve("manifest.json")))
                        .map(d -> d.getFileName().toString()).max(String::compareTo);
                if (newest.isPresent()) {
                    int format = formatOf(models.resolve(newest.get()));
                    if (format == MODEL_FORMAT) {
                        out.println("model: " + newest.get() + " (newest under " + models + "); " + weights(models.resolve(newest.get())));
                        return;
                    }
                    out.println("model: " + newest.get() + " was saved by an older build (format " + format + ", this build reads "
                            + MODEL_FORMAT + "): training a new one");
                }
            }
        }
        Path shared = StackPaths.sharedData();
        boolean all = data == TrainingData.FOUND && WINDOWS.stream().allMatch(w -> Files.isRegularFile(shared.resolve(w)));
        Path dir = all ? shared : StackPaths.bundledSample().getParent();
        List<String> files = all ? WINDOWS : List.of(StackPaths.bundledSample().getFileName().toString());
        out.println("model: none yet; training one (first run only, a few minutes; log: " + workDir.resolve("model-training.log")
                + ") on " + (all ? "all four development windows in " + shared
                : "the bundled sample" + (data == TrainingData.FOUND ? " (no development data at " + shared + ")" : "")) + " ...");
        ManagedProcess.runToCompletion("model-training", ProjectApp.MODEL.command(List.of("train",
                "--data-dir", dir.toString(), "--train", String.join(",", files),
                "--epochs", "8", "--models-dir", models.toString())), workDir, TRAINING_LIMIT);
        // The trainer's last line says which epoch it kept, with what validation quality, and where the model went.
        List<String> log = Files.readAllLines(workDir.resolve("model-training.log"));
        out.println("model: " + (log.isEmpty() ? "trained" : log.get(log.size() - 1).strip()));
        try (var versions = Files.list(models)) {
            versions.max(Path::compareTo).ifPresent(v -> out.println("model: " + weights(v)));
        }
    }

    private static int formatOf(Path version) {
        try {
            return new ObjectMapper().readTree(version.resolve("manifest.json").toFile()).path("formatVersion").asInt(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** How the job ranks with the model (its {@code ranking.json}: the learned ranking nets' sizes). */
    static String weights(Path version) {
        try {
            var net = new ObjectMapper().readTree(version.resolve("ranking.json").toFile()).path("withModel");
            return "ranking weights learned with it (" + net.path("linear").size() + " features, " + net.path("hidden").size()
                    + " hidden units)";
        } catch (IOException e) {
            return "ranking weights unreadable (" + e.getMessage() + ")";
        }
    }
}
