package dev.encore.stack;

import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code encore provision}: creates the topics and registers the schemas on a Kafka and a registry that someone
 * else runs (Docker Compose, a cluster); the local stack does the same for its own.
 */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = "Create the topics and register the value schemas on an existing Kafka and schema registry.")
final class ProvisionCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", required = true) String bootstrapServers;
    @Option(names = "--registry-url", required = true, description = "Confluent-compatible API, e.g. http://host:8081/apis/ccompat/v7")
    String registryUrl;
    @Option(names = "--replication-factor", defaultValue = "1") short replicationFactor;
    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...) to reach the cluster with.")
    String kafkaProperties = "";

    @Override
    public Integer call() throws Exception {
        try (Admin admin = Admin.create(new StackEndpoints(bootstrapServers, registryUrl, kafkaProperties).kafkaClient(Map.of()))) {
            int created = TopicProvisioner.ensure(admin, Topics.ALL, replicationFactor);
            System.out.println("topics: " + created + " created, " + (Topics.ALL.size() - created) + " already there");
        }
        System.out.println("schemas registered: " + SchemaProvisioner.registerAll(new SchemaRegistryClient(registryUrl)));
        return 0;
    }
}
