package dev.encore.bench.e2e;

import dev.encore.schema.UserEvent;
import dev.encore.schemas.Topics;
import dev.encore.schemas.serde.AvroWireCodec;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Open-loop load: the i-th event of a step is due at {@code start + i / rate} whatever happened before, and
 * carries that due time as its Kafka timestamp, so a stall in the system under test shows up as latency
 * instead of silently lowering the offered rate (no coordinated omission).
 */
public final class OpenLoopLoad {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AvroWireCodec<UserEvent> codec;
    private final AtomicLong failed = new AtomicLong();

    public OpenLoopLoad(KafkaProducer<byte[], byte[]> producer, AvroWireCodec<UserEvent> codec) {
        this.producer = producer;
        this.codec = codec;
    }

    /** Offers {@code rate} events/s for {@code seconds}; returns how many were sent. */
    public long offer(EventSource source, double rate, double seconds) {
        long start = System.currentTimeMillis();
        long total = (long) (rate * seconds);
        long nanoStart = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long dueNanos = nanoStart + (long) (i * 1e9 / rate);
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long due = start + TimeUnit.NANOSECONDS.toMillis(dueNanos - nanoStart);
            UserEvent event = source.next(due);
            producer.send(new ProducerRecord<>(Topics.EVENTS.name(), null, due, event.getUserId().getBytes(StandardCharsets.UTF_8),
                    codec.encode(Topics.EVENTS.name(), event)), (metadata, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                        }
                    });
        }
        producer.flush();
        return total - failed.getAndSet(0);
    }
}
