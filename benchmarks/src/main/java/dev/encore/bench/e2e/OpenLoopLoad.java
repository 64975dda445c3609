package dev.encore.bench.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Each user's events sent since {@link #forget}, by due time: the n-th is the event a list with eventsSeen n answers. */
    private final Map<String, List<Long>> dueByUser = new ConcurrentHashMap<>();

    public OpenLoopLoad(KafkaProducer<byte[], byte[]> producer, AvroWireCodec<UserEvent> codec) {
        this.producer = producer;
        this.codec = codec;
    }

    /** The due time of {@code user}'s {@code n}-th event (from 1) since {@link #forget}; -1 when not sent. */
    public long dueOf(String user, long n) {
        List<Long> due = dueByUser.get(user);
        return due == null || n < 1 || n > due.size() ? -1 : due.get((int) n - 1);
    }

    /** Starts counting each user's events afresh: the job under test starts with empty state. */
    public void forget() {
        dueByUser.clear();
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
            dueByUser.computeIfAbsent(event.getUserId(), u -> Collections.synchronizedList(new ArrayList<>())).add(due);
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
