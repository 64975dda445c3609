package dev.encore.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process with its output in a log file and its PID in a file, so that a later
 * {@code stop} from another shell can end it, and a readiness wait that reports the log's tail when
 * the process dies instead of waiting out its timeout.
 */
public final class ManagedProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;
    /** Where this run's output starts in the log: a restarted service must not be judged by its last run's lines. */
    private final long logStart;

    private ManagedProcess(String name, Process process, Path logFile, Path pidFile, long logStart) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.logStart = logStart;
    }

    /** Starts {@code command} in {@code workDir}, output appended to {@code <name>.log}, PID in {@code <name>.pid}. */
    public static ManagedProcess start(String name, List<String> command, Path workDir) {
        Path logFile = workDir.resolve(name + ".log");
        Path pidFile = workDir.resolve(name + ".pid");
        try {
            Files.createDirectories(workDir);
            long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.US_ASCII);
            LOG.debug("started {} as pid {}: {}", name, process.pid(), command);
            return new ManagedProcess(name, process, logFile, pidFile, logStart);
        } catch (IOException e) {
            throw new LocalServiceException("could not start the " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs a command to completion (a set-up step such as formatting storage) and fails on a non-zero exit. */
    public static void runToCompletion(String name, List<String> command, Path workDir, Duration timeout) {
        ManagedProcess step = start(name, command, workDir);
        try {
            if (!step.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                step.close();
                throw new LocalServiceException(name + " did not finish within " + timeout.toSeconds()
                        + " s; see " + step.logFile);
            }
            if (step.process.exitValue() != 0) {
                throw new LocalServiceException(name + " failed (exit " + step.process.exitValue() + "): "
                        + step.lastLogLine() + " (full log: " + step.logFile + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            step.close();
            throw new LocalServiceException(name + " was interrupted", e);
        } finally {
            deleteQuietly(step.pidFile);
        }
    }

    /**
     * Polls {@code probe} until it holds. Fails at once if the process exits, and after {@code timeout}
     * otherwise; both messages carry the last log line, which usually names the cause.
     */
    public void awaitReady(Duration timeout, BooleanSupplier probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new LocalServiceException("the " + name + " exited (code " + process.exitValue() + ") while starting: "
                        + lastLogLine() + " (full log: " + logFile + ")");
            }
            if (probe.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new LocalServiceException("the " + name + " was not ready within " + timeout.toSeconds()
                        + " s: " + lastLogLine() + " (full log: " + logFile + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new LocalServiceException("interrupted while waiting for the " + name, e);
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once this run's part of the log holds {@code text}; the log files stay small enough to re-read. */
    public boolean logContains(String text) {
        try {
            if (!Files.exists(logFile)) {
                return false;
            }
            byte[] all = Files.readAllBytes(logFile);
            int from = (int) Math.min(logStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would: nothing of it gets to clean up. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteQuietly(pidFile);
    }

    /** Asks the process to stop (SIGTERM), then kills it if it is still there after a grace period. */
    @Override
    public void close() {
        stop(process.toHandle());
        deleteQuietly(pidFile);
    }

    /**
     * Stops the process whose PID is in {@code pidFile}, if it is still running and is a Java process (a PID
     * can be reused after a reboot). Returns whether something was stopped.
     */
    public static boolean stopByPidFile(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return false;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
            Optional<ProcessHandle> handle = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(true));
            handle.ifPresent(ManagedProcess::stop);
            return handle.isPresent();
        } catch (IOException | NumberFormatException e) {
            return false;
        } finally {
            deleteQuietly(pidFile);
        }
    }

    private static void stop(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    private String lastLogLine() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i).strip();
                if (!line.isEmpty() && !line.startsWith("at ")) {
                    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
                }
            }
            return "(empty log)";
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A stale PID file is harmless: stopByPidFile checks that the process is alive.
        }
    }
}
