package dev.encore.stack;

import dev.encore.local.JavaRuntime;
import dev.encore.local.Ports;
import dev.encore.schemas.listening.Listen;
import dev.encore.schemas.listening.PlaySkipRule;
import dev.encore.schemas.listening.ThirtyMusicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code encore stack --replay} run as a user runs it, in its own process with free ports and a work directory of the
 * test's, replaying the first {@code replayed} events of the bundled sample (as fast as possible unless told a speed).
 */
final class StackProcess implements AutoCloseable {
    final Path workDir;
    final int kafka = Ports.findFree();
    final int view = Ports.findFree();
    final int model = Ports.findFree();
    final int jobMetrics = Ports.findFree();
    final int replayed;
    private final Path console;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    StackProcess(Path workDir, int replayed, String... extraArgs) throws Exception {
        this(workDir, replayed, "max", extraArgs);
    }

    /** @param speed the replay's {@code --speed}: {@code max} or a factor of real time */
    StackProcess(Path workDir, int replayed, String speed, String[] extraArgs) throws Exception {
        this.workDir = workDir;
        this.replayed = replayed;
        List<String> command = new ArrayList<>(List.of(JavaRuntime.current().executable().toString(),
                "-Dencore.home=" + StackPaths.home(), "-cp", System.getProperty("java.class.path"), EncoreCli.class.getName(),
                "stack", "--replay", "--train-on", "sample", "--speed", speed, "--limit", Integer.toString(replayed), "--work-dir", workDir.toString(),
                "--kafka-port", Integer.toString(kafka), "--kafka-controller-port", Integer.toString(Ports.findFree()),
                "--registry-port", Integer.toString(Ports.findFree()), "--registry-management-port", Integer.toString(Ports.findFree()),
                "--model-port", Integer.toString(model), "--view-port", Integer.toString(view),
                "--job-metrics-port", Integer.toString(jobMetrics)));
        command.addAll(List.of(extraArgs));
        Files.createDirectories(workDir);
        console = workDir.resolve("console.txt");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafka;
    }

    /** Waits until the stack has printed {@code text}; fails at once with its output if it exits. */
    void awaitLine(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String printed = printed();
            if (printed.contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the stack exited (" + process.exitValue() + "):\n" + printed);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + Files.readString(console, StandardCharsets.UTF_8));
    }

    /** What the stack has printed so far. */
    String printed() throws java.io.IOException {
        return Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
    }

    /** The users of the replayed events (the last few are left out: ties in event time may order them after the limit). */
    Set<String> usersOfReplayedEvents() throws Exception {
        List<Listen> listens = new ThirtyMusicReader(PlaySkipRule.DEFAULT).read(List.of(StackPaths.bundledSample())).listens();
        return listens.stream().sorted(Comparator.comparing(Listen::eventTime)).limit(Math.max(1, replayed - 100))
                .map(l -> l.toUserEvent().getUserId()).collect(Collectors.toCollection(TreeSet::new));
    }

    String viewUrl() {
        return "http://127.0.0.1:" + view;
    }

    /** POST {@code json} to {@code path} on the view. */
    HttpResponse<String> postToView(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(viewUrl() + path)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET {@code path} on the view, with {@code headers} (name, value, ...). */
    HttpResponse<String> getFromView(String path, String... headers) throws Exception {
        return get("http://127.0.0.1:" + view + path, headers);
    }

    HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the view answers 200 for {@code user}'s recommendations; returns the answer. */
    HttpResponse<String> awaitRecommendations(String user, String... headers) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        HttpResponse<String> response;
        do {
            response = getFromView("/users/" + user + "/recommendations", headers);
            if (response.statusCode() == 200) {
                return response;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no recommendations for user " + user + " in the view: " + response.statusCode() + " " + response.body());
    }

    /** The PIDs of the services the stack started (not its own). */
    List<Long> servicePids() throws Exception {
        try (var files = Files.list(workDir)) {
            List<Long> pids = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".pid") && !f.getFileName().toString().equals(StackCommand.PID_FILE)).toList()) {
                pids.add(Long.parseLong(Files.readString(file).strip()));
            }
            return pids;
        }
    }

    /** Sends SIGTERM, as Ctrl-C does; true when the stack exits in time. */
    boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !stop()) {
            process.destroyForcibly();
        }
    }
}
