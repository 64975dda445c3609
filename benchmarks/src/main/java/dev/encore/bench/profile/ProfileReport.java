package dev.encore.bench.profile;

import dev.encore.bench.e2e.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes {@code profile.md}: the step's latency, its latency by stage, the CPU breakdown by stage, the threads' CPU and the
 * model calls.
 */
public final class ProfileReport {
    private ProfileReport() {
    }

    public static Path write(Path dir, String command, String load, String model, StepResult step, StageProfile.Breakdown profile)
            throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder();
        md.append("# Where the pipeline's time goes\n\n");
        md.append("- command: `").append(command).append("`\n");
        md.append("- date: ").append(Instant.now()).append('\n');
        md.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", Java ").append(System.getProperty("java.version")).append('\n');
        md.append("- load: ").append(load).append('\n');
        md.append("- model: ").append(model).append('\n');
        md.append(String.format(Locale.ROOT, "- step: offered %,.0f events/s for %.0f s, sent %,d, answered %,d; "
                        + "latency p50 %.0f ms, p99 %.0f ms (due time to readable list, at-least-once)%n",
                step.offeredEps(), profile.seconds(), step.sent(), step.received(), step.p50Ms(), step.p99Ms()));
        md.append("- method: Java Flight Recorder (`profile` settings) in the job's JVM for the step; each sample is charged to the "
                + "innermost pipeline stage on its stack and to the innermost recognisable kind of work; native samples waiting in "
                + "polls or parks are left out. The broker and registry run as their own processes and are not in the profile.\n\n");

        md.append("## Latency by stage (JFR `encore.StageReached`)\n\n");
        md.append("How long after its Kafka timestamp (the time it was due to be sent) each event reached each stage, in the order "
                + "it passes them; where the figures jump is where an event waits.\n\n");
        md.append("| stage | events | p50 ms | p90 ms | p99 ms |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (StageProfile.Reached r : profile.reached()) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.0f | %.0f | %.0f |%n", r.stage(), r.events(), r.p50Ms(), r.p90Ms(), r.p99Ms()));
        }
        md.append(String.format(Locale.ROOT, "| readable to a reader (the step's latency) | %,d | %.0f | | %.0f |%n%n",
                step.received(), step.p50Ms(), step.p99Ms()));

        long job = profile.jobSamples();
        md.append("## CPU samples by stage\n\n");
        md.append("| stage | share of the job's samples | Java | native | mostly |\n| --- | ---: | ---: | ---: | --- |\n");
        for (StageProfile.Stage stage : profile.stages()) {
            boolean notJob = stage.name().equals(StageProfile.NOT_THE_JOB);
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %s |%n", stage.name(),
                    notJob ? "(not the job)" : String.format(Locale.ROOT, "%.1f%%", 100.0 * stage.total() / Math.max(1, job)),
                    stage.javaSamples(), stage.nativeSamples(),
                    stage.byKind().entrySet().stream().limit(3)
                            .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / stage.total()))
                            .collect(Collectors.joining(", "))));
        }
        md.append("\n## CPU by thread (JFR `jdk.ThreadCPULoad`, mean share of the whole machine)\n\n");
        md.append("| threads | CPU |\n| --- | ---: |\n");
        profile.threads().stream().filter(t -> t.machineShare() >= 0.002).forEach(t ->
                md.append(String.format(Locale.ROOT, "| %s | %.1f%% |%n", t.threads(), 100 * t.machineShare())));
        StageProfile.ModelBatches b = profile.batches();
        md.append("\n## Model calls (JFR `encore.ModelBatch`)\n\n");
        md.append(String.format(Locale.ROOT, "%,d calls, %.1f requests per call on average; call p50 %.1f ms, p99 %.1f ms; "
                + "the oldest request had queued p50 %.1f ms, p99 %.1f ms before its call began.%n", b.calls(), b.meanSize(),
                b.callP50Ms(), b.callP99Ms(), b.queuedP50Ms(), b.queuedP99Ms()));
        Path file = dir.resolve("profile.md");
        Files.writeString(file, md.toString());
        return file;
    }
}
