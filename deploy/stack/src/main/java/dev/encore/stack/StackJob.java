package dev.encore.stack;

import dev.encore.local.ManagedProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The recommendation job (Flink MiniCluster) as a child process of the stack, wired to the stack's broker and
 * registry and the stack's models; its state and checkpoints live in the stack's work directory.
 */
final class StackJob implements AutoCloseable {
    static final String PROCESS_NAME = "recommendation-job";
    /** The line the job logs once it is submitted. */
    private static final String READY_LINE = "running (parallelism";

    private final ManagedProcess process;

    private StackJob(ManagedProcess process) {
        this.process = process;
    }

    static StackJob start(StackEndpoints endpoints, Path workDir, Path userConfig) {
        List<String> args = new ArrayList<>();
        if (userConfig != null) {
            args.addAll(List.of("--config", userConfig.toAbsolutePath().toString()));
        }
        args.addAll(List.of(
                "--set", "kafka.bootstrap-servers=" + endpoints.bootstrapServers(),
                "--set", "registry.url=" + endpoints.registryUrl(),
                "--set", "scoring.models-dir=" + StackModel.modelsDir(),
                "--set", "state.dir=" + workDir.resolve("flink")));
        ManagedProcess process = ManagedProcess.start(PROCESS_NAME, ProjectApp.JOB.command(args), workDir);
        process.awaitReady(Duration.ofSeconds(90), () -> process.logContains(READY_LINE));
        return new StackJob(process);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }
}
