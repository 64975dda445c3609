package dev.encore.stream.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.schema.Recommendations;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.DeadLetterHeaders;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.IncompatibleSchemaException;
import dev.encore.stream.ingest.MalformedRecords;
import dev.encore.stream.ingest.NewerProducer;
import dev.encore.stream.ingest.PlayEvent;
import dev.encore.stream.testing.JobTestBed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events topic as it is in production: real events, some written by players on a newer, compatible version of
 * the event schema (one more optional field), and every kind of malformed record ({@link MalformedRecords}), mixed at
 * random. Every valid event, old or new schema, gets its list; each bad record reaches the dead-letter topic with the
 * reason for its kind and its source coordinates; the counts add up; the job never restarts. An incompatible schema
 * is refused at registration, before any producer can write with it.
 */
class MixedTrafficIT {
    private static final int EVENTS = 1000;
    private static final int COPIES = 3;
    private static final AtomicInteger HIGHEST_ATTEMPT = new AtomicInteger();

    @TempDir
    Path dir;

    /** Records the task attempt it runs in: above 0 means the job restarted. */
    static final class AttemptProbe extends RichMapFunction<PlayEvent, PlayEvent> {
        @Override
        public void open(OpenContext context) {
            HIGHEST_ATTEMPT.accumulateAndGet(getRuntimeContext().getTaskInfo().getAttemptNumber(), Math::max);
        }

        @Override
        public PlayEvent map(PlayEvent event) {
            return event;
        }
    }

    @Test
    void newerEventsFlowMalformedRecordsAreDeadLetteredWithTheirReasonsAndTheJobNeverRestarts() throws Exception {
        HIGHEST_ATTEMPT.set(0);
        List<UserEvent> events = JobTestBed.realEvents(EVENTS);
        Random random = new Random(42);
        try (JobTestBed bed = new JobTestBed()) {
            var incompatible = assertThrows(IncompatibleSchemaException.class, () -> new NewerProducer(bed.registry(),
                    withRequiredField("sessionToken")));
            assertTrue(incompatible.getMessage().startsWith("the new schema for subject '" + Topics.EVENTS.valueSubject()
                    + "' breaks its BACKWARD compatibility rule"), incompatible.getMessage());

            NewerProducer newer = new NewerProducer(bed.registry(), NewerProducer.withOptionalField("device"));
            MalformedRecords malformed = new MalformedRecords(bed.registry(), random);
            List<ProducerRecord<byte[], byte[]>> traffic = new ArrayList<>();
            for (UserEvent event : events) {
                byte[] value = bed.encode(event);
                if (random.nextInt(4) == 0) {
                    value = newer.encode(value, Map.of("device", "phone"));
                }
                traffic.add(new ProducerRecord<>(Topics.EVENTS.name(), event.getUserId().getBytes(StandardCharsets.UTF_8), value));
            }
            // Each kind a few times, each into a random place of the real stream (the real events keep their order).
            Map<ProducerRecord<byte[], byte[]>, String> bad = new IdentityHashMap<>();
            for (MalformedRecords.Kind kind : MalformedRecords.Kind.values()) {
                for (int i = 0; i < COPIES; i++) {
                    MalformedRecords.Malformed record = malformed.make(kind, events.get(random.nextInt(EVENTS)));
                    ProducerRecord<byte[], byte[]> sent = new ProducerRecord<>(Topics.EVENTS.name(), record.key(), record.value());
                    traffic.add(random.nextInt(traffic.size() + 1), sent);
                    bad.put(sent, record.expectedReason());
                }
            }
            List<RecordMetadata> landed = bed.sendRaw(traffic);
            Map<String, String> expectedReasonAt = new HashMap<>();
            for (int i = 0; i < traffic.size(); i++) {
                String reason = bad.get(traffic.get(i));
                if (reason != null) {
                    expectedReasonAt.put(landed.get(i).partition() + "/" + landed.get(i).offset(), reason);
                }
            }
            assertEquals(bad.size(), expectedReasonAt.size(), "each bad record was sent once");

            bed.run(bed.config(dir.resolve("state"), Map.of("scoring.mode", "off")), stream -> stream.map(new AttemptProbe())
                    .returns(PlayEvent.class).name("attempt probe"));

            List<Recommendations> recommendations = bed.committedRecommendations();
            List<ConsumerRecord<byte[], byte[]>> deadLetters = bed.deadLetters();
            assertEquals(0, HIGHEST_ATTEMPT.get(), "the job never restarted");
            assertEquals(traffic.size(), recommendations.size() + deadLetters.size(), "consumed = lists + dead letters");
            assertEquals(events.stream().map(UserEvent::getEventId).collect(Collectors.toSet()),
                    recommendations.stream().map(Recommendations::getTriggerEventId).collect(Collectors.toSet()),
                    "every valid event, on either schema, got its list");
            RecommendationJobIT.assertRespectsSessions(events, recommendations);
            Map<String, String> reasonAt = deadLetters.stream().collect(Collectors.toMap(
                    r -> header(r, DeadLetterHeaders.SOURCE_PARTITION) + "/" + header(r, DeadLetterHeaders.SOURCE_OFFSET),
                    r -> header(r, DeadLetterHeaders.REASON)));
            assertEquals(expectedReasonAt, reasonAt, "every bad record dead-lettered, with the reason for its kind");
        }
    }

    /** The event schema with a new field that old events lack and that has no default: not BACKWARD compatible. */
    private static Schema withRequiredField(String name) {
        String json = UserEvent.getClassSchema().toString();
        return new Schema.Parser().parse(json.substring(0, json.length() - 2) + ",{\"name\":\"" + name + "\",\"type\":\"string\"}]}");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
