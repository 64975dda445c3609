package dev.encore.stream.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.testing.TinyModels;
import dev.encore.schema.RecommendedItem;
import dev.encore.schema.Recommendations;
import dev.encore.schema.UserEvent;
import dev.encore.schemas.DeadLetterHeaders;
import dev.encore.schemas.Topics;
import dev.encore.stream.experiment.ExperimentArms;
import dev.encore.stream.ingest.EventDecoder;
import dev.encore.stream.scoring.ScoredSet;
import dev.encore.stream.testing.JobTestBed;
import dev.encore.stream.testing.SessionRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on a MiniCluster with RocksDB, a real broker, the real registry and real listening events. */
class RecommendationJobIT {
    private static final int EVENTS = 1200;

    @TempDir
    Path dir;

    @Test
    void everyEventGetsExactlyOneRecommendationWithoutSkippedTracksAndBadRecordsAreDeadLettered() throws Exception {
        List<UserEvent> events = JobTestBed.realEvents(EVENTS);
        Path models = dir.resolve("models");
        TinyModels.saveAs(models, "tiny-v1");
        try (JobTestBed bed = new JobTestBed()) {
            bed.send(events.subList(0, EVENTS / 2));
            UserEvent invalid = UserEvent.newBuilder(events.get(0)).setUserId("has spaces").build();
            bed.sendRaw(List.of(
                    new ProducerRecord<>(Topics.EVENTS.name(), "k1".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8)),
                    new ProducerRecord<>(Topics.EVENTS.name(), "k2".getBytes(StandardCharsets.UTF_8), bed.encode(invalid)),
                    new ProducerRecord<>(Topics.EVENTS.name(), "k3".getBytes(StandardCharsets.UTF_8), null)));
            bed.send(events.subList(EVENTS / 2, EVENTS));

            // One list per event: neither coalescing nor skipping superseded sets (tested below).
            bed.run(bed.config(dir.resolve("state"), Map.of("scoring.models-dir", models.toString(),
                    "scoring.skip-superseded", "false")), UnaryOperator.identity());

            List<Recommendations> recommendations = bed.committedRecommendations();
            List<ConsumerRecord<byte[], byte[]>> deadLetters = bed.deadLetters();
            // Counts add up: consumed = recommended (one per valid event) + dead-lettered.
            assertEquals(EVENTS + 3, recommendations.size() + deadLetters.size());
            assertEquals(3, deadLetters.size());

            // The trending windows closed (the bounded source ends with the last watermark): lists for new listeners,
            // newest last, each item trending now.
            List<Recommendations> newListeners = bed.committedNewListenerLists();
            assertFalse(newListeners.isEmpty(), "no list for new listeners");
            for (int i = 0; i < newListeners.size(); i++) {
                Recommendations list = newListeners.get(i);
                assertEquals(Topics.NEW_LISTENER_KEY, list.getUserId());
                assertFalse(list.getItems().isEmpty());
                assertTrue(list.getItems().stream().allMatch(item -> item.getReason().equals("trending now")), list.toString());
                assertTrue(i == 0 || list.getTriggerEventTime().isAfter(newListeners.get(i - 1).getTriggerEventTime()),
                        "windows in order");
            }
            Map<String, Long> perEvent = recommendations.stream()
                    .collect(Collectors.groupingBy(Recommendations::getTriggerEventId, Collectors.counting()));
            assertEquals(events.stream().map(UserEvent::getEventId).collect(Collectors.toSet()), perEvent.keySet());
            assertTrue(perEvent.values().stream().allMatch(n -> n == 1));

            assertRespectsSessions(events, recommendations);
            assertTrue(recommendations.stream().noneMatch(Recommendations::getDegraded), "the embedded model answered every time");
            assertTrue(recommendations.stream().allMatch(r -> r.getModelVersion().equals("tiny-v1")));
            long nonEmpty = recommendations.stream().filter(r -> !r.getItems().isEmpty()).count();
            assertTrue(nonEmpty > EVENTS * 0.9, "lists with items: " + nonEmpty);

            Set<String> reasons = deadLetters.stream().map(r -> header(r, DeadLetterHeaders.REASON)).collect(Collectors.toSet());
            assertEquals(Set.of("BAD_MAGIC_BYTE", EventDecoder.INVALID_EVENT, "EMPTY_PAYLOAD"), reasons);
            ConsumerRecord<byte[], byte[]> invalidLetter = deadLetters.stream()
                    .filter(r -> header(r, DeadLetterHeaders.REASON).equals(EventDecoder.INVALID_EVENT)).findFirst().orElseThrow();
            assertTrue(header(invalidLetter, DeadLetterHeaders.DETAIL).contains("userId"));
            assertEquals(Topics.EVENTS.name(), header(invalidLetter, DeadLetterHeaders.SOURCE_TOPIC));
            assertEquals("k2", new String(invalidLetter.key(), StandardCharsets.UTF_8));
            assertFalse(header(invalidLetter, DeadLetterHeaders.SOURCE_OFFSET).isEmpty());
        }
    }

    @Test
    void aBacklogScoresOnlyEachUsersNewestSetPerBatchAndLosesNoEventAcrossExperimentArms() throws Exception {
        List<UserEvent> events = JobTestBed.realEvents(EVENTS);
        Path models = dir.resolve("models");
        TinyModels.saveAs(models, "tiny-v1");
        try (JobTestBed bed = new JobTestBed()) {
            bed.send(events);
            // All events wait before the job starts: the model batches fill with several sets of the same users.
            // Half the users in an arm ranked without the model: their sets skip the model batches altogether.
            String arms = "model:50,no-model:50";
            bed.run(bed.config(dir.resolve("state"), Map.of("scoring.models-dir", models.toString(), "experiment.arms", arms)),
                    UnaryOperator.identity());

            List<Recommendations> recommendations = bed.committedRecommendations();
            ExperimentArms experiment = ExperimentArms.parse(arms);
            for (Recommendations list : recommendations) {
                String arm = experiment.armOf(list.getUserId());
                assertEquals(arm, list.getArm(), "every list carries its user's arm");
                assertEquals(arm.equals(ExperimentArms.MODEL) ? "tiny-v1" : ScoredSet.NO_MODEL, list.getModelVersion(),
                        "the model ranks the model arm's lists only");
            }
            assertEquals(Set.of(ExperimentArms.MODEL, ExperimentArms.NO_MODEL),
                    recommendations.stream().map(Recommendations::getArm).collect(Collectors.toSet()));
            assertTrue(recommendations.size() < events.size(), "some sets were superseded in their batch: "
                    + recommendations.size() + " lists for " + events.size() + " events");
            Map<String, String> lastOfUser = new HashMap<>();
            events.forEach(event -> lastOfUser.put(event.getUserId(), event.getEventId()));
            Map<String, Long> perTrigger = recommendations.stream()
                    .collect(Collectors.groupingBy(Recommendations::getTriggerEventId, Collectors.counting()));
            assertTrue(perTrigger.values().stream().allMatch(n -> n == 1), "no event answered twice");
            assertTrue(perTrigger.keySet().containsAll(lastOfUser.values()), "the newest event of every user has its own list");
            // Each list has seen exactly its user's events up to its trigger, the superseded ones included: none lost.
            assertRespectsSessions(events, recommendations);
        }
    }

    @Test
    void whenTheModelServerIsDownRecommendationsKeepFlowingDegraded() throws Exception {
        List<UserEvent> events = JobTestBed.realEvents(300);
        try (JobTestBed bed = new JobTestBed()) {
            bed.send(events);
            // Nothing listens on port 9: every model call fails at once.
            bed.run(bed.config(dir.resolve("state"), Map.of("scoring.mode", "remote", "scoring.server-url", "http://127.0.0.1:9",
                    "scoring.timeout", "500ms")), UnaryOperator.identity());

            List<Recommendations> recommendations = bed.committedRecommendations();
            assertEquals(events.size(), recommendations.size());
            // A set without candidates asks the model nothing, so the outage does not degrade it.
            assertTrue(recommendations.stream().filter(r -> !r.getItems().isEmpty()).allMatch(Recommendations::getDegraded),
                    "every list with items was ranked without the model, and says so");
            assertTrue(recommendations.stream().filter(r -> r.getItems().isEmpty()).noneMatch(Recommendations::getDegraded),
                    "a list without candidates is never degraded, whatever the sets it would have shared a model call with");
            assertTrue(recommendations.stream().filter(r -> !r.getItems().isEmpty()).count() > events.size() * 0.8);
            assertRespectsSessions(events, recommendations);
        }
    }

    /** No list offers the track just played or a track the user skipped in the session. */
    static void assertRespectsSessions(List<UserEvent> events, List<Recommendations> recommendations) {
        Map<String, List<UserEvent>> byUser = new HashMap<>();
        events.forEach(e -> byUser.computeIfAbsent(e.getUserId(), u -> new ArrayList<>()).add(e));
        Map<String, UserEvent> byId = events.stream().collect(Collectors.toMap(UserEvent::getEventId, Function.identity()));
        assertEquals(byUser.keySet(), recommendations.stream().map(Recommendations::getUserId).collect(Collectors.toSet()),
                "every user with events got recommendations");
        for (Recommendations r : recommendations) {
            List<UserEvent> userEvents = byUser.get(r.getUserId());
            int k = userEvents.indexOf(byId.get(r.getTriggerEventId())) + 1;
            assertEquals(k, r.getEventsSeen(), "the state had taken in exactly the user's events up to the trigger");
            Set<String> forbidden = SessionRules.forbiddenAfter(userEvents, k, 50);
            for (RecommendedItem item : r.getItems()) {
                assertFalse(forbidden.contains(item.getTrackId()), "user " + r.getUserId() + " was offered " + item.getTrackId());
            }
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
