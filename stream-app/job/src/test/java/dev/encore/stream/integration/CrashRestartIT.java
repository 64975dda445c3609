package dev.encore.stream.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.schema.Recommendations;
import dev.encore.schema.UserEvent;
import dev.encore.stream.ingest.PlayEvent;
import dev.encore.stream.testing.JobTestBed;
import dev.encore.stream.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task fails mid-stream after a checkpoint; the job restores from it (RocksDB, incremental) and the
 * exactly-once sink's read_committed output shows neither loss nor duplicates.
 *
 * <p>Before reading, the output must settle: no transaction of ours left open and every partition's
 * read_committed end at its end (a transaction left open would hide lists from every reader until the broker's
 * timeout). The Kafka sink's own errors fail the test even when the job finishes: a dropped commit is a loss.
 */
class CrashRestartIT {
    private static final int EVENTS = 800;
    /** Events between the first completed checkpoint and the injected failure. */
    private static final int FAIL_AFTER = Integer.getInteger("encore.crash.fail-after", 50);
    private static final String KAFKA_SINK_LOGGER = "org.apache.flink.connector.kafka.sink";
    private static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final AtomicInteger AFTER_CHECKPOINT = new AtomicInteger();
    private static final AtomicLong FILES_AT_FAILURE = new AtomicLong(-1);
    private static volatile Path checkpoints;

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        CHECKPOINTED.set(false);
        FAILED.set(false);
        AFTER_CHECKPOINT.set(0);
        FILES_AT_FAILURE.set(-1);
        checkpoints = dir.resolve("state/checkpoints");
    }

    /**
     * Slows the input until a checkpoint completed, then fails once, {@link #FAIL_AFTER} events later; counts the
     * checkpoints' RocksDB files just before, while the job runs (when it finishes, Flink removes subsumed ones).
     */
    static final class FailOnceAfterCheckpoint implements MapFunction<PlayEvent, PlayEvent>, CheckpointListener {
        @Override
        public PlayEvent map(PlayEvent event) throws Exception {
            if (!CHECKPOINTED.get()) {
                Thread.sleep(20);
            } else if (AFTER_CHECKPOINT.incrementAndGet() == FAIL_AFTER && FAILED.compareAndSet(false, true)) {
                FILES_AT_FAILURE.set(incrementalRocksDbFiles(checkpoints));
                throw new IllegalStateException("injected failure after a completed checkpoint");
            }
            return event;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
        }
    }

    private List<Recommendations> runWithFailure(List<UserEvent> events, Map<String, String> settings) throws Exception {
        try (JobTestBed bed = new JobTestBed(); LogCapture sinkErrors = LogCapture.errorsOf(KAFKA_SINK_LOGGER)) {
            bed.send(events);
            bed.run(bed.config(dir.resolve("state"), settings),
                    stream -> stream.map(new FailOnceAfterCheckpoint()).returns(PlayEvent.class).name("fail once"));
            assertTrue(FAILED.get(), "the failure was injected after a completed checkpoint");
            assertTrue(FILES_AT_FAILURE.get() > 0, "checkpoints hold RocksDB sst files");
            List<Recommendations> committed = bed.committedRecommendations();
            assertEquals(List.of(), sinkErrors.lines(), "the Kafka sink logged no error");
            return committed;
        }
    }

    @Test
    void withoutCoalescingEveryEventHasExactlyOneCommittedRecommendation() throws Exception {
        List<UserEvent> events = JobTestBed.realEvents(EVENTS);
        List<Recommendations> out = runWithFailure(events, Map.of("scoring.mode", "off"));

        Map<String, Long> perEvent = out.stream().collect(Collectors.groupingBy(Recommendations::getTriggerEventId, Collectors.counting()));
        assertEquals(events.stream().map(UserEvent::getEventId).collect(Collectors.toSet()), perEvent.keySet(), "none lost");
        assertEquals(List.of(1L), perEvent.values().stream().distinct().toList(), "none duplicated");
        RecommendationJobIT.assertRespectsSessions(events, out);
    }

    @Test
    void withCoalescingEveryEventIsTakenIntoStateExactlyOnce() throws Exception {
        List<UserEvent> events = JobTestBed.realEvents(EVENTS);
        List<Recommendations> out = runWithFailure(events, Map.of("scoring.mode", "off", "coalesce.window", "20ms"));

        Map<String, Long> eventsPerUser = events.stream().collect(Collectors.groupingBy(UserEvent::getUserId, Collectors.counting()));
        Map<String, Long> lastSeen = out.stream().collect(Collectors.toMap(Recommendations::getUserId,
                Recommendations::getEventsSeen, Math::max));
        assertEquals(eventsPerUser, lastSeen, "each user's latest list reflects all of the user's events, each once");
        assertTrue(out.size() <= events.size());
        Map<String, Recommendations> byId = out.stream().collect(Collectors.toMap(Recommendations::getRecommendationId,
                Function.identity(), (a, b) -> {
                    throw new AssertionError("recommendation " + a.getRecommendationId() + " committed twice");
                }));
        assertEquals(out.size(), byId.size());
    }

    /** Counts files under the checkpoints' shared folders, tolerating Flink deleting subsumed ones meanwhile. */
    private static long incrementalRocksDbFiles(Path folder) {
        long count = 0;
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                if (Files.isDirectory(entry)) {
                    count += incrementalRocksDbFiles(entry);
                } else if (entry.toString().contains("/shared/")) {
                    count++;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // removed while we looked: a subsumed checkpoint
        }
        return count;
    }
}
