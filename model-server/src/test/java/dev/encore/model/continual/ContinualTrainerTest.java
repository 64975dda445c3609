package dev.encore.model.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.data.Interaction;
import dev.encore.model.sasrec.ModelArtifact;
import dev.encore.model.testing.SampleData;
import dev.encore.model.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions are published on the event-count and wall-time schedule, name their parent, and old ones are pruned. */
class ContinualTrainerTest {
    @TempDir
    Path models;

    @Test
    void publishesWarmStartedVersionsOnScheduleAndKeepsTheNewest() throws Exception {
        TinyModels.saveAs(models, "sasrec-20260101-000000");
        MutableClock clock = new MutableClock(Instant.parse("2026-01-02T00:00:00Z"));
        Deque<List<Interaction>> batches = new ArrayDeque<>();
        List<Interaction> later = SampleData.events().subList(3000, 3900);
        for (int i = 0; i < later.size(); i += 300) {
            batches.add(later.subList(i, i + 300));
        }
        EventSource source = sourceOf(batches);
        ContinualTrainer.Schedule schedule = new ContinualTrainer.Schedule(Duration.ofMinutes(5), 500, 2);
        try (ContinualTrainer trainer = new ContinualTrainer(models, schedule,
                new ContinualModel.Policy(Duration.ofDays(30), 1, 2e-3f), clock, line -> { })) {
            assertEquals(Optional.empty(), trainer.step(source, Duration.ZERO), "300 new events: not yet");
            clock.advance(Duration.ofSeconds(1));
            Optional<String> first = trainer.step(source, Duration.ZERO);
            assertTrue(first.isPresent(), "600 new events: a version");

            clock.advance(Duration.ofMinutes(1));
            assertEquals(Optional.empty(), trainer.step(source, Duration.ZERO), "300 more, one minute later: not yet");
            clock.advance(Duration.ofMinutes(5));
            Optional<String> second = trainer.step(source, Duration.ZERO);
            assertTrue(second.isPresent(), "five minutes later with new events: a version");
            assertEquals(Optional.empty(), trainer.step(source, Duration.ZERO), "nothing new: no version");

            try (ModelArtifact.Loaded loaded = ModelArtifact.load(models.resolve(second.get()))) {
                assertEquals(first.get(), loaded.manifest().parentVersion());
                assertTrue(loaded.manifest().data().startsWith("900 events from "), "all the events within the lookback: " + loaded.manifest().data());
            }
            try (var dirs = Files.list(models)) {
                assertEquals(List.of(first.get(), second.get()), dirs.map(d -> d.getFileName().toString()).sorted().toList(),
                        "the first version was pruned: two are kept");
            }
            assertEquals(second, ModelArtifact.newestIn(models).map(d -> d.getFileName().toString()));
        }
    }

    @Test
    void aDivergedUpdateIsNotPublishedAndTheVersionInForceStays() throws Exception {
        TinyModels.saveAs(models, "sasrec-20260101-000000");
        MutableClock clock = new MutableClock(Instant.parse("2026-01-02T00:00:00Z"));
        Deque<List<Interaction>> batches = new ArrayDeque<>(List.of(SampleData.events().subList(3000, 3600)));
        EventSource source = sourceOf(batches);
        List<String> log = new java.util.ArrayList<>();
        ContinualTrainer.Schedule schedule = new ContinualTrainer.Schedule(Duration.ofMinutes(5), 500, 2);
        try (ContinualTrainer trainer = new ContinualTrainer(models, schedule,
                new ContinualModel.Policy(Duration.ofDays(30), 2, 1e20f), clock, log::add)) {
            assertEquals(Optional.empty(), trainer.step(source, Duration.ZERO), "the update diverged: nothing published");
            assertEquals("sasrec-20260101-000000", trainer.version());
            assertTrue(log.stream().anyMatch(line -> line.startsWith("update skipped, model sasrec-20260101-000000 stays in force")), log.toString());
            try (var dirs = Files.list(models)) {
                assertEquals(List.of("sasrec-20260101-000000"), dirs.map(d -> d.getFileName().toString()).toList());
            }
        }
    }

    /** Hands out one of {@code batches} per poll, then nothing. */
    private static EventSource sourceOf(Deque<List<Interaction>> batches) {
        return new EventSource() {
            @Override
            public List<Interaction> poll(Duration timeout) {
                return batches.isEmpty() ? List.of() : batches.poll();
            }

            @Override
            public void close() {
            }
        };
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
