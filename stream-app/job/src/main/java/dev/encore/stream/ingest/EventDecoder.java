package dev.encore.stream.ingest;

import dev.encore.schema.UserEvent;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.sdk.EventValidator;
import dev.encore.schemas.sdk.EventViolation;
import dev.encore.schemas.serde.AvroWireCodec;
import dev.encore.schemas.serde.InvalidPayloadException;
import dev.encore.stream.JobMetrics;
import dev.encore.stream.StageReachedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes the Confluent wire format against the registry and validates each event with the producer SDK's
 * own rules. A record that cannot be used goes to {@link #DEAD_LETTERS} with its reason; nothing is dropped,
 * so consumed = decoded + dead-lettered. An unreachable registry is not the record's fault: it fails the task,
 * which restarts from the last checkpoint.
 *
 * <p>Besides the wire problems ({@code PayloadProblem}) and {@link #INVALID_EVENT}, two reasons are the job's
 * own: {@link #OVERSIZED} (not decoded at all) and {@link #KEY_NOT_USER} (a user's events must share the user id
 * as key, or they land on several partitions and lose their order).
 */
public final class EventDecoder extends ProcessFunction<RawRecord, PlayEvent> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {
    };
    public static final String INVALID_EVENT = "INVALID_EVENT";
    public static final String OVERSIZED = "OVERSIZED";
    public static final String KEY_NOT_USER = "KEY_NOT_USER";
    /** An event is a few hundred bytes; a record this large is not one, and is not decoded. */
    public static final int MAX_EVENT_BYTES = 64 * 1024;

    private final String registryUrl;
    private transient AvroWireCodec<UserEvent> codec;
    private transient EventValidator validator;
    private transient Counter consumed;
    private transient Counter deadLettered;

    public EventDecoder(String registryUrl) {
        this.registryUrl = registryUrl;
    }

    @Override
    public void open(OpenContext context) {
        codec = new AvroWireCodec<>(UserEvent.class, new SchemaRegistryClient(registryUrl), false);
        validator = new EventValidator();
        consumed = getRuntimeContext().getMetricGroup().counter(JobMetrics.CONSUMED);
        deadLettered = getRuntimeContext().getMetricGroup().counter(JobMetrics.DEAD_LETTERED);
    }

    @Override
    public void processElement(RawRecord record, Context context, Collector<PlayEvent> out) {
        consumed.inc();
        if (record.value() != null && record.value().length > MAX_EVENT_BYTES) {
            deadLetter(context, record, OVERSIZED, record.value().length + " bytes; an event has at most " + MAX_EVENT_BYTES);
            return;
        }
        UserEvent event;
        try {
            event = codec.decode(record.value());
        } catch (InvalidPayloadException e) {
            deadLetter(context, record, e.problem().name(), e.getMessage());
            return;
        }
        List<EventViolation> violations = validator.violations(event);
        if (!violations.isEmpty()) {
            String detail = violations.stream().map(EventViolation::toString).collect(Collectors.joining("; "));
            deadLetter(context, record, INVALID_EVENT, detail);
            return;
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!event.getUserId().equals(key)) {
            deadLetter(context, record, KEY_NOT_USER, (key == null ? "no key" : "key '" + key + "'")
                    + " on an event of user '" + event.getUserId() + "': key events by their userId");
            return;
        }
        StageReachedEvent.mark(StageReachedEvent.DECODED, record.timestamp());
        out.collect(new PlayEvent(event.getEventId(), event.getUserId(), event.getTrackId(),
                event.getArtistId() == null ? "" : event.getArtistId(), event.getType(),
                event.getEventTime().toEpochMilli(), event.getPlayedMs(), record.timestamp(),
                event.getContext().getRecommendationId() == null ? "" : event.getContext().getRecommendationId(),
                event.getContext().getPosition() == null ? 0 : event.getContext().getPosition()));
    }

    private void deadLetter(Context context, RawRecord record, String reason, String detail) {
        deadLettered.inc();
        context.output(DEAD_LETTERS, new DeadLetter(record, reason, detail));
    }
}
