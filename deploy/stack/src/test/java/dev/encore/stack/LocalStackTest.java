package dev.encore.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.local.Ports;
import dev.encore.schema.EventType;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.TopicSpec;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.ConfluentAvroDeserializer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack as a newcomer runs it: real broker and registry processes, topics and schemas provisioned,
 * the bundled real sample replayed through the SDK, then everything stopped with no process left.
 */
class LocalStackTest {
    private static final int REPLAYED = 2_000;

    @TempDir
    Path workDir;

    @Test
    void startProvisionReplayAndStopWithNothingLeftRunning() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        LocalStack.Ports ports = new LocalStack.Ports(Ports.findFree(), Ports.findFree(), Ports.findFree(), Ports.findFree());
        long brokerPid;
        long registryPid;
        try (LocalStack stack = LocalStack.start(workDir, ports, out)) {
            brokerPid = stack.brokerPid();
            registryPid = stack.registryPid();
            StackEndpoints endpoints = StackEndpoints.readFrom(workDir).orElseThrow();
            assertEquals(stack.endpoints(), endpoints);

            assertTopicsProvisioned(endpoints);
            var registry = new SchemaRegistryClient(endpoints.registryUrl());
            assertEquals(UserEvent.getClassSchema(),
                    registry.schemaById(registry.idOf(Topics.EVENTS.valueSubject(), UserEvent.getClassSchema())));

            ReplayOptions options = new ReplayOptions();
            options.speed = ReplaySpeed.MAX;
            options.skipBelowSeconds = 30;
            options.maxPlayedSeconds = 600;
            options.lastPlayedSeconds = 210;
            options.limit = (long) REPLAYED;
            ReplayResult result = new Replayer(endpoints, options, out).run(List.of(StackPaths.bundledSample()));

            assertEquals(23_718, result.linesRead());
            assertEquals(0, result.malformedLines());
            assertEquals(REPLAYED, result.sent());
            assertEquals(REPLAYED, result.sentByType().values().stream().mapToLong(Long::longValue).sum());
            assertTrue(result.sentByType().getOrDefault(EventType.PLAY, 0L) > 0);
            assertEquals(REPLAYED, countEvents(endpoints));

            Path dump = workDir.resolve("events.avro");
            DumpEventsCommand command = new DumpEventsCommand();
            command.out = dump;
            command.workDir = workDir;
            assertEquals(0, command.call());
            try (var reader = new org.apache.avro.file.DataFileReader<UserEvent>(dump.toFile(),
                    new org.apache.avro.specific.SpecificDatumReader<>(UserEvent.class))) {
                long dumped = 0;
                for (UserEvent ignored : reader) {
                    dumped++;
                }
                assertEquals(REPLAYED, dumped);
            }
            assertTrue(console.toString(StandardCharsets.UTF_8).contains("2,000 events produced"), console.toString());
        }
        assertFalse(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false), "broker still running");
        assertFalse(ProcessHandle.of(registryPid).map(ProcessHandle::isAlive).orElse(false), "registry still running");
        assertTrue(StackEndpoints.readFrom(workDir).isEmpty());
    }

    private static void assertTopicsProvisioned(StackEndpoints endpoints) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", endpoints.bootstrapServers()))) {
            Set<String> names = Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toSet());
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
            for (TopicSpec spec : Topics.ALL) {
                assertEquals(spec.partitions(), described.get(spec.name()).partitions().size(), spec.name());
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
                String policy = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                        .get("cleanup.policy").value();
                assertEquals(spec.compacted() ? "compact" : "delete", policy, spec.name());
            }
        }
    }

    private static long countEvents(StackEndpoints endpoints) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers());
        var values = new ConfluentAvroDeserializer<>(UserEvent.class, new SchemaRegistryClient(endpoints.registryUrl()));
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count < REPLAYED && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    assertEquals(record.key(), record.value().getUserId());
                    count++;
                }
            }
            count += consumer.poll(Duration.ofMillis(300)).count();
            return count;
        }
    }
}
