package dev.encore.stack;

import dev.encore.local.KafkaBroker;
import dev.encore.local.SchemaRegistryServer;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The running local stack: a real Kafka broker and a real schema registry as child processes, the topics
 * created and the schemas registered. Closing it stops everything it started.
 */
public final class LocalStack implements AutoCloseable {
    /** Ports the stack listens on (all on 127.0.0.1). */
    public record Ports(int kafka, int kafkaController, int registry, int registryManagement) {
        public static final Ports DEFAULT = new Ports(9092, 9093, 8081, 8091);
    }

    private final Path workDir;
    private final Ports ports;
    private volatile KafkaBroker broker;
    private final SchemaRegistryServer registry;

    private LocalStack(Path workDir, Ports ports, KafkaBroker broker, SchemaRegistryServer registry) {
        this.workDir = workDir;
        this.ports = ports;
        this.broker = broker;
        this.registry = registry;
    }

    /** Starts and provisions everything, reporting each step on {@code out}; stops what it started on failure. */
    public static LocalStack start(Path workDir, Ports ports, PrintStream out) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        out.println("starting Kafka broker (KRaft) on 127.0.0.1:" + ports.kafka() + " ...");
        KafkaBroker broker = KafkaBroker.start(workDir, ports.kafka(), ports.kafkaController());
        SchemaRegistryServer registry = null;
        try {
            out.println("starting schema registry on 127.0.0.1:" + ports.registry() + " ...");
            registry = SchemaRegistryServer.start(workDir, ports.registry(), ports.registryManagement());
            out.println("  " + registry.description());
            LocalStack stack = new LocalStack(workDir, ports, broker, registry);
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
        return new StackEndpoints(broker.bootstrapServers(), registry.url());
    }

    public boolean isHealthy() {
        return broker.isAlive() && registry.isAlive();
    }

    /** Stops the broker (SIGTERM, as an orderly broker restart does) and starts it again on its data and ports. */
    public void restartBroker() {
        broker.close();
        broker = KafkaBroker.start(workDir, ports.kafka(), ports.kafkaController());
    }

    public long brokerPid() {
        return broker.pid();
    }

    public long registryPid() {
        return registry.pid();
    }

    private void provision(PrintStream out) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
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
