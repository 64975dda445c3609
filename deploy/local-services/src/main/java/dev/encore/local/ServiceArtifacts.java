package dev.encore.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** What the build resolved from Maven Central for the local services: the broker's class path and the registry servers. */
record ServiceArtifacts(String brokerClasspath, Properties registries) {

    private static final String HINT = "build it first: mvn -q -DskipTests install";

    static ServiceArtifacts load() {
        Properties props = new Properties();
        try (InputStream in = open("encore/local-services.properties")) {
            props.load(in);
        } catch (IOException e) {
            throw new LocalServiceException("cannot read the local-services build properties: " + HINT, e);
        }
        return new ServiceArtifacts(readResource("encore/kafka-broker.classpath").strip(), props);
    }

    /** Apicurio 3.3.3, unpacked by the build; needs Java 21+. */
    RegistryDistribution modern() {
        return new RegistryDistribution(registries.getProperty("apicurio.modern.version"),
                Path.of(registries.getProperty("apicurio.modern.home")), 21);
    }

    /**
     * Apicurio 3.0.9 for machines with Java 17 only. Its parent POM is missing from Maven Central, so the
     * build cannot unpack it; it is fetched without its POM and unpacked on first use.
     */
    RegistryDistribution java17() {
        String version = registries.getProperty("apicurio.java17.version");
        Path home = Path.of(registries.getProperty("apicurio.java17.home"));
        if (!Files.isDirectory(home)) {
            Path archive = Path.of(registries.getProperty("apicurio.java17.archive"));
            Path scratch = home.getParent();
            if (!Files.isRegularFile(archive)) {
                ManagedProcess.runToCompletion("fetch-apicurio-" + version, List.of("mvn", "-q", "-B", "dependency:get",
                        "-Dartifact=io.apicurio:apicurio-registry-app:" + version + ":tar.gz:all", "-Dtransitive=false"),
                        scratch, Duration.ofMinutes(10));
            }
            try {
                Files.createDirectories(home);
            } catch (IOException e) {
                throw new LocalServiceException("cannot create " + home + ": " + e.getMessage(), e);
            }
            ManagedProcess.runToCompletion("unpack-apicurio-" + version,
                    List.of("tar", "-xzf", archive.toString(), "-C", home.toString()), scratch, Duration.ofMinutes(5));
        }
        return new RegistryDistribution(version, home, 17);
    }

    private static String readResource(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LocalServiceException("cannot read " + name + ": " + HINT, e);
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = ServiceArtifacts.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the class path");
        }
        return in;
    }

    /** One unpacked Apicurio Registry release. */
    record RegistryDistribution(String version, Path home, int minJava) {
        /** Apicurio 3.1+ ships a Quarkus fast-jar; 3.0.x ships one runner jar. */
        Path launcherJar() {
            Path fastJar = home.resolve("quarkus-run.jar");
            if (Files.isRegularFile(fastJar)) {
                return fastJar;
            }
            Path runner = home.resolve("apicurio-registry-app-" + version + "-runner.jar");
            if (Files.isRegularFile(runner)) {
                return runner;
            }
            throw new LocalServiceException("no Apicurio launcher jar in " + home + ": " + HINT);
        }
    }
}
