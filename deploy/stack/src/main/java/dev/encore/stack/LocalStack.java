package dev.encore.stack;

import dev.encore.local.KafkaBroker;
import dev.encore.local.LocalTls;
import dev.encore.local.SchemaRegistryServer;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * The running local stack: a real Kafka broker and a real schema registry as child processes, the topics
 * created and the schemas registered. Closing it stops everything it started.
 */
public final class LocalStack implements AutoCloseable {
    /** Ports the stack listens on (all on 127.0.0.1). */
    public record Ports(int kafka, int kafkaController, int registry, int registryManagement) {
        public static final Ports DEFAULT = new Ports(9092, 9093, 8081, 8091);
    }

    /** Where a secured stack writes its clients' Kafka settings. */
    static final String KAFKA_CLIENT_PROPERTIES = "kafka-client.properties";
    /** Where a secured stack keeps its certificate, stores and SCRAM credentials. */
    private static final String TLS_DIR = "tls";

    private final Path workDir;
    private final Ports ports;
    private final Optional<LocalTls> tls;
    private volatile KafkaBroker broker;
    private final SchemaRegistryServer registry;

    private LocalStack(Path workDir, Ports ports, Optional<LocalTls> tls, KafkaBroker broker, SchemaRegistryServer registry) {
        this.workDir = workDir;
        this.ports = ports;
        this.tls = tls;
        this.broker = broker;
        this.registry = registry;
    }

    /** Starts and provisions everything, reporting each step on {@code out}; stops what it started on failure. */
    public static LocalStack start(Path workDir, Ports ports, PrintStream out) throws IOException, InterruptedException {
        return start(workDir, ports, out, false);
    }

    /**
     * As {@link #start(Path, Ports, PrintStream)}; {@code secure}: the broker takes only SASL_SSL clients (SCRAM), with a
     * certificate made here, and the clients' settings go to {@value #KAFKA_CLIENT_PROPERTIES} in the work directory.
     */
    public static LocalStack start(Path workDir, Ports ports, PrintStream out, boolean secure) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Optional<LocalTls> tls = Optional.empty();
        if (secure) {
            if (Files.exists(workDir.resolve("kafka-data/meta.properties")) && !Files.exists(workDir.resolve(TLS_DIR))) {
                throw new IllegalStateException("the broker under " + workDir + " was set up without security: use another "
                        + "--work-dir for --secure, or delete " + workDir);
            }
            tls = Optional.of(LocalTls.in(workDir.resolve(TLS_DIR)));
            LocalTls.writePrivate(workDir.resolve(KAFKA_CLIENT_PROPERTIES), tls.get().clientProperties());
        } else if (Files.exists(workDir.resolve(TLS_DIR))) {
            throw new IllegalStateException("the broker under " + workDir + " was set up with security: start it with --secure");
        }
        out.println("starting Kafka broker (KRaft" + (secure ? ", SASL_SSL with SCRAM only" : "") + ") on 127.0.0.1:" + ports.kafka() + " ...");
        KafkaBroker broker = KafkaBroker.start(workDir, ports.kafka(), ports.kafkaController(), tls);
        SchemaRegistryServer registry = null;
        try {
            out.println("starting schema registry on 127.0.0.1:" + ports.registry() + " ...");
            registry = SchemaRegistryServer.start(workDir, ports.registry(), ports.registryManagement());
            out.println("  " + registry.description());
            LocalStack stack = new LocalStack(workDir, ports, tls, broker, registry);
            stack.provision(out);
            stack.endpoints().writeTo(workDir);
            return stack;
        } catch (RuntimeException | IOException | InterruptedException e) {
            if (registry != null) {
                registry.close();
            }
            broker.close();
            throw e;
        }
    }

    public StackEndpoints endpoints() {
        return new StackEndpoints(broker.bootstrapServers(), registry.url(),
                tls.isPresent() ? workDir.resolve(KAFKA_CLIENT_PROPERTIES).toString() : "");
    }

    public boolean isHealthy() {
        return broker.isAlive() && registry.isAlive();
    }

    /** Stops the broker (SIGTERM, as an orderly broker restart does) and starts it again on its data and ports. */
    public void restartBroker() {
        broker.close();
        broker = KafkaBroker.start(workDir, ports.kafka(), ports.kafkaController(), tls);
    }

    public long brokerPid() {
        return broker.pid();
    }

    public long registryPid() {
        return registry.pid();
    }

    private void provision(PrintStream out) throws InterruptedException {
        try (Admin admin = Admin.create(endpoints().kafkaClient(Map.of()))) {
            int created = TopicProvisioner.ensure(admin, Topics.ALL, (short) 1);
            out.println("topics: " + created + " created, " + (Topics.ALL.size() - created) + " already there");
        }
        Map<String, Integer> ids = SchemaProvisioner.registerAll(new SchemaRegistryClient(registry.url()));
        out.println("schemas registered: " + ids);
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
        try {
            StackEndpoints.deleteFrom(workDir);
        } catch (IOException ignored) {
            // A stale endpoints file only makes replay try a stopped broker, which it reports.
        }
    }
}
