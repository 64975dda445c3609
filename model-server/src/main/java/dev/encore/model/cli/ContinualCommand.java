package dev.encore.model.cli;

import dev.encore.model.continual.ContinualModel;
import dev.encore.model.continual.ContinualTrainer;
import dev.encore.model.continual.KafkaEventSource;
import dev.encore.schemas.KafkaClientProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code continual}: follows the events topic and publishes warm-started model versions for scorers to swap to. */
@Command(name = "continual", mixinStandardHelpOptions = true,
        description = "Follow the events topic and publish a warm-started model version every --every or --events new events.")
final class ContinualCommand implements Callable<Integer> {
    @Mixin
    ModelsDirOption models = new ModelsDirOption();

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka. Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(names = "--registry-url", defaultValue = "http://127.0.0.1:8081/apis/ccompat/v7",
            description = "Schema registry (Confluent API). Default: ${DEFAULT-VALUE}.")
    String registryUrl;

    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...) for the trainer's consumer.")
    String kafkaProperties;

    @Option(names = "--every-seconds", defaultValue = "300", description = "Wall time between versions. Default: ${DEFAULT-VALUE}.")
    long everySeconds;

    @Option(names = "--events", defaultValue = "20000", description = "New events that bring a version sooner. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--keep", defaultValue = "5", description = "Versions kept in --models-dir (at least 2). Default: ${DEFAULT-VALUE}.")
    int keep;

    @Option(names = "--lookback-hours", defaultValue = "48", description = "Event time an update learns from. Default: ${DEFAULT-VALUE}.")
    long lookbackHours;

    @Override
    public Integer call() throws Exception {
        if (everySeconds < 1 || lookbackHours < 1) {
            throw new IllegalArgumentException("--every-seconds and --lookback-hours must be >= 1");
        }
        ContinualModel.Policy defaults = ContinualModel.Policy.DEFAULT;
        ContinualModel.Policy policy = new ContinualModel.Policy(Duration.ofHours(lookbackHours), defaults.epochs(),
                defaults.learningRate());
        AtomicBoolean stop = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.set(true);
            try {
                main.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-continual-trainer"));
        try (ContinualTrainer trainer = new ContinualTrainer(models.path(),
                new ContinualTrainer.Schedule(Duration.ofSeconds(everySeconds), events, keep), policy, Clock.systemUTC(),
                System.out::println);
             KafkaEventSource source = new KafkaEventSource(bootstrapServers, registryUrl,
                     kafkaProperties == null || kafkaProperties.isBlank() ? Map.of() : KafkaClientProperties.load(kafkaProperties))) {
            trainer.run(source, stop::get);
        }
        return 0;
    }
}
