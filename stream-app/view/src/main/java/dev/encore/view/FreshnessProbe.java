package dev.encore.view;

import dev.encore.schemas.RecommendationHeaders;
import io.prometheus.metrics.core.metrics.Histogram;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Observes, for every list entering the view, the time since its triggering event reached Kafka (the job's
 * {@code encore.trigger.ingested-at} header): the freshness readers get. Lists without the header pass
 * unobserved.
 */
final class FreshnessProbe implements FixedKeyProcessor<String, byte[], byte[]> {
    private final Histogram freshness;
    private FixedKeyProcessorContext<String, byte[]> context;

    FreshnessProbe(Histogram freshness) {
        this.freshness = freshness;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        Header ingested = record.headers().lastHeader(RecommendationHeaders.TRIGGER_INGESTED_AT);
        if (ingested != null) {
            try {
                long at = Long.parseLong(new String(ingested.value(), StandardCharsets.US_ASCII));
                freshness.observe(Math.max(0, System.currentTimeMillis() - at) / 1000.0);
            } catch (NumberFormatException ignored) {
                // A header someone else wrote; freshness is not measurable for it.
            }
        }
        context.forward(record);
    }
}
