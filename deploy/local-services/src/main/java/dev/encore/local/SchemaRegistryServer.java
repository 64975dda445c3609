package dev.encore.local;

import dev.encore.local.ServiceArtifacts.RegistryDistribution;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real schema registry: Apicurio Registry with its Confluent-compatible API, in-memory storage,
 * BACKWARD compatibility by default (Apicurio's own default is NONE). Apicurio 3.3.3 needs Java 21+;
 * when none is installed, Apicurio 3.0.9 runs on the current Java 17 instead and {@link #description()}
 * says so.
 */
public final class SchemaRegistryServer extends LocalService {
    static final String PROCESS_NAME = "schema-registry";
    /** Path of the Confluent Schema Registry API on an Apicurio server. */
    public static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final int port;
    private final String description;

    private SchemaRegistryServer(ManagedProcess process, int port, String description) {
        super(process);
        this.port = port;
        this.description = description;
    }

    public static SchemaRegistryServer start(Path workDir, int port, int managementPort) {
        Ports.requireFree(port, "schema registry", "--registry-port");
        Ports.requireFree(managementPort, "schema registry's management endpoint", "--registry-management-port");
        ServiceArtifacts artifacts = ServiceArtifacts.load();
        RegistryDistribution modern = artifacts.modern();
        Optional<JavaRuntime> modernJava = JavaRuntime.findAtLeast(modern.minJava());
        RegistryDistribution distribution = modernJava.isPresent() ? modern : artifacts.java17();
        JavaRuntime java = modernJava.orElseGet(JavaRuntime::current);
        String description = "Apicurio Registry " + distribution.version() + " on Java " + java.featureVersion()
                + (modernJava.isPresent() ? "" : " (no Java 21+ found: set " + JavaRuntime.PREFERRED_HOME_ENV
                        + " to use Apicurio " + modern.version() + ")");

        Path tmp = workDir.resolve("registry-tmp");
        List<String> command = new ArrayList<>(List.of(java.executable().toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmp,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort,
                "-Dapicurio.rules.global.compatibility=BACKWARD",
                "-Dquarkus.log.level=WARN",
                "-Dquarkus.log.category.\"io.apicurio\".level=INFO",
                "-jar", distribution.launcherJar().toString()));
        tmp.toFile().mkdirs();
        ManagedProcess process = ManagedProcess.start(PROCESS_NAME, command, workDir);
        SchemaRegistryServer server = new SchemaRegistryServer(process, port, description);
        process.awaitReady(START_TIMEOUT, server::answers);
        return server;
    }

    /** Base URL of the Confluent-compatible API, what clients are configured with. */
    public String url() {
        return "http://127.0.0.1:" + port + CONFLUENT_API_PATH;
    }

    /** Which server and Java run, e.g. "Apicurio Registry 3.3.3 on Java 25". */
    public String description() {
        return description;
    }


    private boolean answers() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/subjects"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
