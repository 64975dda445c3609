package dev.encore.stack;

import dev.encore.schema.UserEvent;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.ConfluentAvroDeserializer;
import dev.encore.schemas.serde.InvalidPayloadException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code encore dump-events}: copies the events topic, as it is now, into an Avro file that the model's
 * {@code train} and {@code evaluate} read like the 30Music files.
 */
@Command(name = "dump-events", mixinStandardHelpOptions = true,
        description = "Write every event now in the events topic to an Avro file (for training and evaluation).")
final class DumpEventsCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Avro file to write (.avro).")
    Path out;

    @Option(names = "--work-dir", description = "Work directory of the running stack, to find its endpoints.")
    Path workDir = StackPaths.defaultWorkDir();

    @Override
    public Integer call() throws Exception {
        if (!out.getFileName().toString().endsWith(".avro")) {
            throw new IllegalArgumentException("--out must name a .avro file, was " + out);
        }
        StackEndpoints endpoints = StackEndpoints.readFrom(workDir).orElseThrow(() -> new IllegalStateException(
                "no running local stack found in " + workDir + ": start one with 'deploy/bin/encore stack'"));
        var values = new ConfluentAvroDeserializer<>(UserEvent.class, new SchemaRegistryClient(endpoints.registryUrl()));
        long written = 0;
        long unreadable = 0;
        try (var consumer = new KafkaConsumer<>(endpoints.kafkaClient(Map.of()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             DataFileWriter<UserEvent> writer = new DataFileWriter<>(new SpecificDatumWriter<>(UserEvent.class))) {
            writer.create(UserEvent.getClassSchema(), out.toFile());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        writer.append(values.deserialize(record.topic(), record.value()));
                        written++;
                    } catch (InvalidPayloadException | RecordDeserializationException e) {
                        unreadable++;
                    }
                }
            }
        }
        System.out.printf("wrote %,d events to %s (%,d unreadable records skipped)%n", written, out, unreadable);
        return 0;
    }
}
