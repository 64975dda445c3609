package dev.encore.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A Java installation that a child process can be started with. */
public record JavaRuntime(Path home, int featureVersion) {

    /** Names an installation to prefer for services that need a newer Java than the build's. */
    public static final String PREFERRED_HOME_ENV = "ENCORE_JAVA21_HOME";

    private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)(?:[.\"].*)?$");

    public Path executable() {
        return home.resolve("bin").resolve("java");
    }

    /** The JVM running this code. */
    public static JavaRuntime current() {
        return new JavaRuntime(Path.of(System.getProperty("java.home")), Runtime.version().feature());
    }

    /**
     * The first installation of at least {@code minFeature} found in this order: $ENCORE_JAVA21_HOME, the
     * running JVM, $JAVA_HOME, then the usual install folders (newest first).
     */
    public static Optional<JavaRuntime> findAtLeast(int minFeature) {
        List<JavaRuntime> candidates = new ArrayList<>();
        envHome(PREFERRED_HOME_ENV).flatMap(JavaRuntime::inspect).ifPresent(candidates::add);
        candidates.add(current());
        envHome("JAVA_HOME").flatMap(JavaRuntime::inspect).ifPresent(candidates::add);
        for (Path root : List.of(Path.of("/usr/lib/jvm"), Path.of("/Library/Java/JavaVirtualMachines"))) {
            installedUnder(root).stream()
                    .sorted(Comparator.comparingInt(JavaRuntime::featureVersion).reversed())
                    .forEach(candidates::add);
        }
        return candidates.stream().filter(j -> j.featureVersion() >= minFeature).findFirst();
    }

    static Optional<JavaRuntime> inspect(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(release)) {
            return lines.map(RELEASE_VERSION::matcher)
                    .filter(Matcher::matches)
                    .map(m -> new JavaRuntime(home, Integer.parseInt(m.group(1))))
                    .findFirst();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<JavaRuntime> installedUnder(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(root)) {
            return homes.map(h -> Files.isDirectory(h.resolve("Contents/Home")) ? h.resolve("Contents/Home") : h)
                    .map(JavaRuntime::inspect)
                    .flatMap(Optional::stream)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<Path> envHome(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }
}
