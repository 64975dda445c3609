package dev.encore.stream.testing;

import dev.encore.local.SharedTestRegistry;
import dev.encore.schema.Recommendations;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.OutputSettlement;
import dev.encore.schemas.TopicSpec;
import dev.encore.schemas.Topics;
import dev.encore.schemas.listening.Listen;
import dev.encore.schemas.listening.PlaySkipRule;
import dev.encore.schemas.listening.ThirtyMusicReader;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.AvroWireCodec;
import dev.encore.stream.JobConfig;
import dev.encore.stream.JobEnvironment;
import dev.encore.stream.RecommendationJob;
import dev.encore.stream.TransactionProtocol;
import dev.encore.stream.ingest.PlayEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real in-JVM KRaft broker with the job's topics, the real registry with the job's schemas, real events from
 * the bundled 30Music sample, and the job run on a MiniCluster against them.
 */
public final class JobTestBed implements AutoCloseable {
    private static final Path SAMPLE = Path.of(System.getProperty("encore.home", "../.."))
            .resolve("deploy/sample/30music-200ks_test.0.txt");

    /** Far above a checkpoint interval: a transaction open this long after the job ended is stuck, not slow. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClusterTestKit kafka;
    private final AvroWireCodec<UserEvent> events;
    private final AvroWireCodec<Recommendations> recommendations;

    public JobTestBed() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.num.partitions", "4")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            useSupportedTransactionProtocol(admin);
            List<NewTopic> topics = new ArrayList<>();
            for (TopicSpec spec : Topics.ALL) {
                topics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()));
            }
            admin.createTopics(topics).all().get();
        }
        SchemaRegistryClient registry = new SchemaRegistryClient(SharedTestRegistry.url());
        Topics.valueSchemas().forEach((spec, schema) -> registry.register(spec.valueSubject(), schema));
        events = new AvroWireCodec<>(UserEvent.class, registry, false);
        recommendations = new AvroWireCodec<>(Recommendations.class, registry, false);
    }

    /**
     * The test kit formats with the newest transaction protocol; set the one the job supports, as the local stack's
     * broker is formatted, and wait until the broker answers with it (producers learn it when they start).
     */
    private static void useSupportedTransactionProtocol(Admin admin) throws Exception {
        admin.updateFeatures(Map.of(TransactionProtocol.FEATURE, new FeatureUpdate(TransactionProtocol.SUPPORTED,
                FeatureUpdate.UpgradeType.SAFE_DOWNGRADE)), new UpdateFeaturesOptions()).all().get();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (TransactionProtocol.finalizedLevel(admin) != TransactionProtocol.SUPPORTED) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the test broker did not take " + TransactionProtocol.FEATURE + "="
                        + TransactionProtocol.SUPPORTED);
            }
            Thread.sleep(50);
        }
    }

    /** The first {@code n} events of the real sample, in time order. */
    public static List<UserEvent> realEvents(int n) throws Exception {
        List<Listen> listens = new ThirtyMusicReader(PlaySkipRule.DEFAULT).read(List.of(SAMPLE)).listens();
        return listens.stream().sorted(Comparator.comparing(Listen::eventTime)).limit(n).map(Listen::toUserEvent).toList();
    }

    /** The job's configuration against this bed, with {@code overrides}. */
    public JobConfig config(Path stateDir, Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>();
        all.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        all.put("registry.url", SharedTestRegistry.url());
        all.put("source.bounded", "true");
        all.put("state.dir", stateDir.toString());
        all.put("checkpoint.interval", "300ms");
        all.put("scoring.timeout", "10s");
        all.put("metrics.prometheus-port", "");
        // Two subtasks, as in a deployment: one user's events then cross subtasks of the track- and artist-keyed
        // stages and must be put back in order, and each sink has two writers.
        all.put("job.parallelism", "2");
        all.putAll(overrides);
        return JobConfig.load(null, all);
    }

    public void send(List<UserEvent> userEvents) throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (UserEvent event : userEvents) {
            records.add(new ProducerRecord<>(Topics.EVENTS.name(), event.getUserId().getBytes(StandardCharsets.UTF_8),
                    events.encode(Topics.EVENTS.name(), event)));
        }
        sendRaw(records);
    }

    /** Sends the records in order; returns where each landed. */
    public List<RecordMetadata> sendRaw(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        List<RecordMetadata> landed = new ArrayList<>();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "acks", "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (var record : records) {
                landed.add(producer.send(record).get());
            }
        }
        return landed;
    }

    /** A client of the bed's registry. */
    public SchemaRegistryClient registry() {
        return new SchemaRegistryClient(SharedTestRegistry.url());
    }

    public byte[] encode(UserEvent event) {
        return events.encode(Topics.EVENTS.name(), event);
    }

    /** Runs the job until its bounded source is exhausted and its last checkpoint committed. */
    public void run(JobConfig config, UnaryOperator<DataStream<PlayEvent>> tap) throws Exception {
        Configuration flink = JobEnvironment.flinkConfiguration(config);
        // Tests have little state: keep every RocksDB file a file, so that checkpoints can be checked for them.
        flink.setString("execution.checkpointing.data-inline-threshold", "0 b");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        RecommendationJob.build(env, config, tap);
        env.execute(RecommendationJob.NAME);
    }

    /**
     * Waits (bounded) until the job's output is settled ({@link OutputSettlement}): no transaction open on the output
     * topics and every partition's read_committed end at its end. Fails with the open transactions and the offsets.
     */
    public void awaitSettled(Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            OutputSettlement.await(admin, List.of(Topics.RECOMMENDATIONS, Topics.NEW_LISTENER_LISTS, Topics.DEAD_LETTERS), timeout);
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String isolation) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Every committed recommendation, in topic order per partition, once the output has settled. */
    public List<Recommendations> committedRecommendations() throws Exception {
        List<Recommendations> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(Topics.RECOMMENDATIONS.name())) {
            out.add(recommendations.decode(record.value()));
        }
        return out;
    }

    /** Every committed list for new listeners, in topic order (one partition). */
    public List<Recommendations> committedNewListenerLists() throws Exception {
        List<Recommendations> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(Topics.NEW_LISTENER_LISTS.name())) {
            out.add(recommendations.decode(record.value()));
        }
        return out;
    }

    public List<ConsumerRecord<byte[], byte[]>> deadLetters() throws Exception {
        return readAll(Topics.DEAD_LETTERS.name());
    }

    /**
     * Reads a topic to its end as a read_committed consumer without a group, after {@link #awaitSettled}: when the
     * job has just finished, its last commits' markers may not be written yet, and reading then would miss lists.
     */
    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) throws Exception {
        awaitSettled(SETTLE_TIMEOUT);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = consumer("read_committed")) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() throws Exception {
        kafka.close();
    }
}
