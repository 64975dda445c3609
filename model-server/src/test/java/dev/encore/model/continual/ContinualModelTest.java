package dev.encore.model.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.data.Interaction;
import dev.encore.model.sasrec.ItemVocabulary;
import dev.encore.model.sasrec.SasRecModel;
import dev.encore.model.testing.SampleData;
import dev.encore.model.testing.TinyModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Updates happen on the event-time schedule, learn the tracks first seen since, and swap what scores. */
class ContinualModelTest {

    @Test
    void everyPeriodOfEventTimeBringsAWarmStartedVersionThatKnowsTheNewTracks() {
        SasRecModel initial = TinyModels.trained().model();
        List<Interaction> later = SampleData.events().subList(3000, 4000);
        Duration span = Duration.between(later.get(0).time(), later.get(later.size() - 1).time());
        Duration every = span.dividedBy(3).plusSeconds(1);
        List<String> log = new ArrayList<>();
        try (ContinualModel continual = new ContinualModel(initial, "tiny",
                new ContinualModel.Policy(every.multipliedBy(2), 1, 2e-3f), every, log::add)) {
            for (Interaction e : later) {
                continual.observe(e);
            }
            assertEquals(2, continual.updates(), "three periods of event time: updates at the end of the first two");
            assertEquals(2, log.size());
            assertNotSame(initial, continual.model());
            assertEquals("tiny+u2", continual.scorer().modelVersion());
            Interaction firstSeenLater = later.stream()
                    .filter(e -> initial.vocabulary().id(e.trackId()) == ItemVocabulary.OUT_OF_VOCABULARY)
                    .filter(e -> !e.time().isAfter(later.get(0).time().plus(every)))
                    .findFirst().orElseThrow();
            assertTrue(continual.model().vocabulary().id(firstSeenLater.trackId()) > ItemVocabulary.OUT_OF_VOCABULARY,
                    "a track first played after training is in the updated vocabulary");
        }
        assertSame(initial, TinyModels.trained().model());
        assertTrue(initial.logits(List.of(List.of())).tracks()[0].length > 0, "the caller's model stays open");
    }

    @Test
    void aPolicyThatCannotWorkIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ContinualModel.Policy(Duration.ZERO, 2, 1e-3f));
        assertThrows(IllegalArgumentException.class, () -> new ContinualModel.Policy(Duration.ofHours(1), 0, 1e-3f));
        assertThrows(IllegalArgumentException.class, () -> new ContinualModel(TinyModels.trained().model(), "tiny",
                ContinualModel.Policy.DEFAULT, Duration.ZERO, null));
    }
}
