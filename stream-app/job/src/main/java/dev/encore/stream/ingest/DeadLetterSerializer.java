package dev.encore.stream.ingest;

import dev.encore.schemas.DeadLetterHeaders;
import dev.encore.schemas.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Writes a dead letter as the original key and bytes, with the reason and the source coordinates as headers. */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        RawRecord record = letter.record();
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REASON, utf8(letter.reason()));
        headers.add(DeadLetterHeaders.DETAIL, utf8(letter.detail()));
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(record.topic()));
        headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        return new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, record.timestamp(), record.key(), record.value(), headers);
    }

    private static byte[] utf8(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
