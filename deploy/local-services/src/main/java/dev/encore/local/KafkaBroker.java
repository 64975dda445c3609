package dev.encore.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), started from the
 * {@code kafka_2.13} jars that Maven resolved. Storage is formatted once under the work directory, so topics
 * survive a restart of the stack. Secured ({@link LocalTls}), its one client listener takes only SASL_SSL with
 * SCRAM: a plaintext client, or one with a wrong password, is refused.
 */
public final class KafkaBroker extends LocalService {
    static final String PROCESS_NAME = "kafka-broker";
    private static final String READY_LINE = "Kafka Server started";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final int port;

    private KafkaBroker(ManagedProcess process, int port) {
        super(process);
        this.port = port;
    }

    /** Starts the broker on loopback; {@code port} for clients, {@code controllerPort} for the KRaft quorum. */
    public static KafkaBroker start(Path workDir, int port, int controllerPort) {
        return start(workDir, port, controllerPort, Optional.empty());
    }

    /** As {@link #start(Path, int, int)}; with {@code tls}, clients must come over SASL_SSL as its SCRAM user. */
    public static KafkaBroker start(Path workDir, int port, int controllerPort, Optional<LocalTls> tls) {
        Ports.requireFree(port, "Kafka broker", "--kafka-port");
        Ports.requireFree(controllerPort, "Kafka controller", "--kafka-controller-port");
        Path dataDir = workDir.resolve("kafka-data");
        Path config = workDir.resolve("server.properties");
        Path logConfig = workDir.resolve("kafka-log4j2.properties");
        try {
            Files.createDirectories(workDir);
            Files.writeString(config, serverProperties(port, controllerPort, dataDir, tls));
            Files.writeString(logConfig, LOG_CONFIG);
        } catch (IOException e) {
            throw new LocalServiceException("cannot write the broker configuration under " + workDir + ": " + e.getMessage(), e);
        }
        String classpath = ServiceArtifacts.load().brokerClasspath();
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            List<String> format = new ArrayList<>(List.of("format", "-t", newClusterId(), "-c", config.toString(),
                    // The exactly-once sink's recovery needs transaction protocol 1 (decision 0012).
                    "--feature", "transaction.version=1"));
            // SCRAM users live in the cluster's metadata: the stack's user is created with the storage.
            tls.ifPresent(t -> format.addAll(List.of("--add-scram",
                    LocalTls.MECHANISM + "=[name=" + t.user() + ",password=" + t.password() + "]")));
            ManagedProcess.runToCompletion("kafka-format", javaCommand(classpath, logConfig, "256m",
                    "kafka.tools.StorageTool", format.toArray(String[]::new)), workDir, Duration.ofSeconds(60));
        }
        ManagedProcess process = ManagedProcess.start(PROCESS_NAME,
                javaCommand(classpath, logConfig, "768m", "kafka.Kafka", config.toString()), workDir);
        process.awaitReady(START_TIMEOUT, () -> process.logContains(READY_LINE) && accepts(port));
        return new KafkaBroker(process, port);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }


    private static List<String> javaCommand(String classpath, Path logConfig, String maxHeap, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(JavaRuntime.current().executable().toString(),
                "-Xms128m", "-Xmx" + maxHeap, "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + logConfig, "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static String serverProperties(int port, int controllerPort, Path dataDir, Optional<LocalTls> tls) {
        String listener = tls.isPresent() ? "SASL_SSL" : "PLAINTEXT";
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=" + listener + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=" + listener + "://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=" + listener + ":" + listener + ",CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=" + listener,
                tls.map(KafkaBroker::securityProperties).orElse(""),
                "log.dirs=" + dataDir,
                "num.partitions=4",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // The exactly-once sink's transactions need the broker to allow the job's timeout.
                "transaction.max.timeout.ms=900000",
                "auto.create.topics.enable=false",
                "");
    }

    /** SCRAM over TLS on the client listener; the broker talks to itself the same way, as its own user. */
    private static String securityProperties(LocalTls tls) {
        return String.join("\n",
                "sasl.enabled.mechanisms=" + LocalTls.MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + LocalTls.MECHANISM,
                "listener.name.sasl_ssl." + LocalTls.MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config=" + tls.jaasConfig(),
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + tls.keyStore(),
                "ssl.keystore.password=" + tls.storePassword(),
                "ssl.key.password=" + tls.storePassword(),
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.location=" + tls.trustStore(),
                "ssl.truststore.password=" + tls.storePassword());
    }

    /** 16 random bytes in URL-safe base64, never starting with '-' (the format tool would take it for an option). */
    static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static final String LOG_CONFIG = String.join("\n",
            "status = warn",
            "appender.out.type = Console",
            "appender.out.name = out",
            "appender.out.layout.type = PatternLayout",
            "appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n",
            "rootLogger.level = info",
            "rootLogger.appenderRef.out.ref = out",
            "logger.state.name = state.change.logger",
            "logger.state.level = warn",
            "");
}
