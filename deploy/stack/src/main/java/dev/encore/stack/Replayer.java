package dev.encore.stack;

import dev.encore.schema.EventType;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.listening.Listen;
import dev.encore.schemas.listening.ListeningLog;
import dev.encore.schemas.listening.MalformedLine;
import dev.encore.schemas.listening.ThirtyMusicReader;
import dev.encore.schemas.sdk.EventProducer;
import dev.encore.schemas.sdk.EventProducerConfig;
import dev.encore.schemas.sdk.InvalidEventException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a listening log into the events topic through the producer SDK, in event-time order, at a chosen
 * speed, printing progress once a second.
 */
final class Replayer {
    private static final int MALFORMED_SHOWN = 10;

    private final StackEndpoints endpoints;
    private final ReplayOptions options;
    private final PrintStream out;

    Replayer(StackEndpoints endpoints, ReplayOptions options, PrintStream out) {
        this.endpoints = endpoints;
        this.options = options;
        this.out = out;
    }

    ReplayResult run(List<Path> files) throws IOException, InterruptedException {
        ListeningLog log = new ThirtyMusicReader(options.rule()).read(files);
        reportMalformed(log.malformed());
        List<Listen> listens = options.limit == null ? log.listens()
                : log.listens().subList(0, (int) Math.min(options.limit, log.listens().size()));
        out.printf("replaying %,d events from %s at speed %s into %s%n", listens.size(), files, options.speed,
                endpoints.bootstrapServers());

        AtomicLong failed = new AtomicLong();
        long refused = 0;
        long sent = 0;
        Map<EventType, Long> byType = new EnumMap<>(EventType.class);
        EventProducerConfig config = EventProducerConfig.of(endpoints.bootstrapServers(), endpoints.registryUrl())
                .withOverrides(endpoints.kafkaClient(Map.of()));
        long startNanos = System.nanoTime();
        long nextReport = startNanos + 1_000_000_000L;
        try (EventProducer producer = EventProducer.create(config)) {
            Instant firstEventTime = listens.isEmpty() ? Instant.EPOCH : listens.get(0).eventTime();
            for (Listen listen : listens) {
                waitUntilDue(startNanos, Duration.between(firstEventTime, listen.eventTime()));
                UserEvent event = listen.toUserEvent();
                try {
                    producer.send(event).whenComplete((metadata, error) -> {
                        if (error != null && failed.getAndIncrement() == 0) {
                            out.println("send failed: " + error.getMessage());
                        }
                    });
                    sent++;
                    byType.merge(event.getType(), 1L, Long::sum);
                } catch (InvalidEventException e) {
                    if (refused++ < MALFORMED_SHOWN) {
                        out.println("refused " + listen.row().file() + ":" + listen.row().line() + ": " + e.getMessage());
                    }
                }
                if (System.nanoTime() >= nextReport) {
                    double seconds = (System.nanoTime() - startNanos) / 1e9;
                    out.printf("  sent %,d/%,d (%,.0f events/s), event time %s%n", sent, listens.size(), sent / seconds,
                            listen.eventTime());
                    nextReport += 1_000_000_000L;
                }
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        ReplayResult result = new ReplayResult(log.linesRead(), log.malformed().size(), sent - failed.get(), refused,
                failed.get(), byType);
        out.printf("replay done in %.1f s: %,d lines read, %,d malformed lines rejected, %,d events produced %s, "
                        + "%,d refused by validation, %,d failed to send%n",
                seconds, result.linesRead(), result.malformedLines(), result.sent(), result.sentByType(), result.refused(),
                result.failed());
        return result;
    }

    private void waitUntilDue(long startNanos, Duration eventOffset) throws InterruptedException {
        if (options.speed.unlimited()) {
            return;
        }
        long due = startNanos + options.speed.wallOffset(eventOffset).toNanos();
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private void reportMalformed(List<MalformedLine> malformed) {
        if (malformed.isEmpty()) {
            return;
        }
        out.printf("%,d malformed lines rejected%s:%n", malformed.size(),
                malformed.size() > MALFORMED_SHOWN ? " (first " + MALFORMED_SHOWN + " shown)" : "");
        malformed.stream().limit(MALFORMED_SHOWN).forEach(line -> out.println("  " + line));
    }
}
