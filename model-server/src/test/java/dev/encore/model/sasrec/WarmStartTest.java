package dev.encore.model.sasrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.data.Interaction;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.testing.SampleData;
import dev.encore.model.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SasRecTrainer#continueFrom}: a child keeps what its parent knew and starts new tracks from their artists. */
class WarmStartTest {
    private static final List<Interaction> LATER = SampleData.events().subList(3000, 4500);

    @TempDir
    Path dir;

    @Test
    void beforeLearningAnythingTheChildScoresExactlyAsItsParent() {
        SasRecModel parent = TinyModels.trained().model();
        // A zero learning rate isolates the inheritance: the child's parameters are the copied ones.
        SasRecTrainer frozen = new SasRecTrainer(TinyModels.TINY.withTraining(1, 1, 0f));
        try (SasRecModel child = frozen.continueFrom(parent, LATER, List.of(), null).model()) {
            ItemVocabulary before = parent.vocabulary();
            ItemVocabulary after = child.vocabulary();
            assertTrue(after.size() > before.size(), "the later events bring tracks the parent never saw");
            for (int id = 2; id < before.size(); id++) {
                assertEquals(before.trackId(id), after.trackId(id), "every known track keeps its id");
            }
            Interaction newTrack = LATER.stream().filter(e -> before.id(e.trackId()) == ItemVocabulary.OUT_OF_VOCABULARY
                    && before.artistIndex(e.artistId()) != ItemVocabulary.UNKNOWN_ARTIST).findFirst().orElseThrow();
            List<SequenceInput.Event> history = LATER.subList(0, 12).stream()
                    .map(e -> new SequenceInput.Event(e.trackId(), e.artistId(), e.type())).toList();

            SasRecModel.Logits was = parent.logits(List.of(history));
            SasRecModel.Logits is = child.logits(List.of(history));
            float[] known = java.util.Arrays.copyOf(is.tracks()[0], before.size());
            assertArrayEquals(was.tracks()[0], known, 1e-4f, "known tracks score as before");
            float asUnknown = was.score(0, ItemVocabulary.OUT_OF_VOCABULARY, before.artistIndex(newTrack.artistId()));
            assertEquals(asUnknown, is.tracks()[0][after.id(newTrack.trackId())], 1e-4f,
                    "a new track starts where the parent put it as an unknown track by its artist");
        }
    }

    @Test
    void learningFromLaterEventsChangesTheModelAndTheArtifactNamesItsParent() throws IOException {
        SasRecModel parent = TinyModels.trained().model();
        SasRecTrainer.Result child = new SasRecTrainer(TinyModels.TINY.withTraining(2, 2, 5e-3f))
                .continueFrom(parent, LATER, List.of(), null);
        assertEquals(2, child.report().epochs().size(), "without validation events every epoch runs");
        assertEquals(2, child.report().bestEpoch(), "and the last one is kept");
        List<SequenceInput.Event> history = List.of(new SequenceInput.Event(LATER.get(0).trackId(), LATER.get(0).artistId(),
                LATER.get(0).type()));
        assertFalse(java.util.Arrays.equals(parent.logits(List.of(history)).tracks()[0],
                java.util.Arrays.copyOf(child.model().logits(List.of(history)).tracks()[0], parent.vocabulary().size())));

        ModelArtifact.save(child.model(), child.report(), RankingWeights.DEFAULT, "child",
                new ModelArtifact.Lineage("tiny-parent", "fp", ModelArtifact.Lineage.span(LATER)), dir.resolve("child"));
        try (ModelArtifact.Loaded loaded = ModelArtifact.load(dir.resolve("child"))) {
            assertEquals("tiny-parent", loaded.manifest().parentVersion());
            assertTrue(loaded.manifest().data().startsWith("1,500 events from "), loaded.manifest().data());
            assertEquals(child.model().vocabulary().size(), loaded.model().vocabulary().size());
        }
        child.model().close();
    }

    @Test
    void aDifferentShapeCannotBeWarmStarted() {
        SasRecConfig wider = new SasRecConfig(20, 32, 1, 1, 0.1f, 64, 5e-3f, 1, 1, 32, 11, 0.1f, 0);
        var error = assertThrows(IllegalArgumentException.class,
                () -> new SasRecTrainer(wider).continueFrom(TinyModels.trained().model(), LATER, List.of(), null));
        assertTrue(error.getMessage().contains("keeps the parent's shape"), error.getMessage());
        assertNotEquals(TinyModels.TINY.dim(), wider.dim());
    }
}
