package dev.encore.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real schema registry per test JVM, started on first use on free ports and stopped when the JVM exits.
 * Starting Apicurio takes a few seconds, so test classes share it; each test uses its own subjects.
 */
public final class SharedTestRegistry {
    private static SchemaRegistryServer server;

    private SharedTestRegistry() {
    }

    /** The Confluent-compatible API URL of the shared registry. */
    public static synchronized String url() {
        if (server == null || !server.isAlive()) {
            server = startInTempDir();
        }
        return server.url();
    }

    private static SchemaRegistryServer startInTempDir() {
        try {
            Path dir = Files.createTempDirectory("encore-test-registry");
            SchemaRegistryServer started = SchemaRegistryServer.start(dir, Ports.findFree(), Ports.findFree());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteRecursively(dir);
            }, "stop-test-registry"));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort in a shutdown hook; the folder is under the system temp dir.
        }
    }
}
