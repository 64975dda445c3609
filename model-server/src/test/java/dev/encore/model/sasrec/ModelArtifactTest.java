package dev.encore.model.sasrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.data.Interaction;
import dev.encore.model.methods.RankingWeights;
import dev.encore.model.testing.SampleData;
import dev.encore.model.testing.TinyModels;
import dev.encore.schema.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtifactTest {
    private static SasRecTrainer.Result trained;
    private static List<List<SequenceInput.Event>> histories;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        List<Interaction> events = SampleData.events();
        trained = TinyModels.trained();
        histories = List.of(
                List.of(new SequenceInput.Event(events.get(0).trackId(), EventType.PLAY),
                        new SequenceInput.Event(events.get(1).trackId(), EventType.SKIP)),
                List.of(new SequenceInput.Event("never-seen-track", EventType.PLAY)));
    }

    @Test
    void saveThenLoadGivesIdenticalScores() throws IOException {
        Path version = dir.resolve("v1");
        ModelArtifact.Manifest manifest = ModelArtifact.save(trained.model(), trained.report(), RankingWeights.DEFAULT,
                "v1", ModelArtifact.Lineage.fresh("fingerprint", "sample"), version);

        try (ModelArtifact.Loaded loaded = ModelArtifact.load(version)) {
            float[][] expected = trained.model().logits(histories).tracks();
            float[][] actual = loaded.model().logits(histories).tracks();
            assertEquals(expected.length, actual.length);
            // The parameters load bit for bit (the arrays are compared below); two model instances with the same
            // parameters may still round a logit differently in the last place, so scores are held to 1e-6.
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], actual[i], 1e-6f);
            }
            var saved = trained.model().block().getParameters();
            var read = loaded.model().block().getParameters();
            assertEquals(saved.keys(), read.keys());
            for (int i = 0; i < saved.size(); i++) {
                assertArrayEquals(saved.get(i).getValue().getArray().toFloatArray(), read.get(i).getValue().getArray().toFloatArray(),
                        0f, saved.get(i).getKey());
            }
            assertEquals(RankingWeights.DEFAULT, loaded.weights());
            assertEquals(manifest.modelVersion(), loaded.manifest().modelVersion());
            assertEquals(trained.model().vocabulary().size(), loaded.manifest().vocabularySize());
        }
    }

    @Test
    void aCorruptOrIncompleteArtifactFailsWithAClearMessage() throws IOException {
        Path version = saved("v2");

        byte[] params = Files.readAllBytes(version.resolve(ModelArtifact.PARAMS));
        byte[] flipped = params.clone();
        flipped[flipped.length / 2] ^= 0x55;
        Files.write(version.resolve(ModelArtifact.PARAMS), flipped);
        assertMessage(version, "corrupt");
        Files.write(version.resolve(ModelArtifact.PARAMS), params);

        Files.delete(version.resolve(ModelArtifact.VOCABULARY));
        assertMessage(version, "missing " + ModelArtifact.VOCABULARY);

        Files.delete(version.resolve(ModelArtifact.MANIFEST));
        assertMessage(version, "not a model artifact");
    }

    @Test
    void anUnsupportedFormatOrAMismatchedVocabularyIsRefused() throws IOException {
        Path version = saved("v3");
        Path manifest = version.resolve(ModelArtifact.MANIFEST);
        String original = Files.readString(manifest);

        Files.writeString(manifest, original.replace("\"formatVersion\" : " + ModelArtifact.FORMAT_VERSION, "\"formatVersion\" : 99"));
        assertMessage(version, "format version 99");

        Files.writeString(manifest, original.replace("\"vocabularySize\" : ", "\"vocabularySize\" : 1"));
        assertMessage(version, "vocabulary mismatch");
    }

    @Test
    void aVersionSavedBeforeFollowerNegativesExistedStillLoads() throws IOException {
        Path version = saved("v4");
        Path config = version.resolve(ModelArtifact.CONFIG);
        String before = ModelArtifact.sha256(config);
        String current = Files.readString(config);
        String older = current.replaceAll(",\\s*\"followerNegatives\" : \\d+", "");
        assertTrue(older.length() < current.length(), "the setting is written: " + current);
        Files.writeString(config, older);
        Path manifest = version.resolve(ModelArtifact.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace(before, ModelArtifact.sha256(config)));

        try (ModelArtifact.Loaded loaded = ModelArtifact.load(version)) {
            assertEquals(0, loaded.model().config().followerNegatives());
            assertEquals(trained.model().config().dim(), loaded.model().config().dim());
        }
    }

    @Test
    void unknownTracksAreScoredAsOutOfVocabularyWithoutFailing() {
        float[][] logits = trained.model().logits(List.of(List.of(new SequenceInput.Event("no-such-track", EventType.LIKE)))).tracks();
        assertEquals(trained.model().vocabulary().size(), logits[0].length);
        assertEquals(ItemVocabulary.OUT_OF_VOCABULARY, trained.model().vocabulary().id("no-such-track"));
    }

    private static void assertMessage(Path version, String expected) {
        var error = assertThrows(IOException.class, () -> ModelArtifact.load(version).close());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    /** The tiny model saved as version {@code name} under the test's folder. */
    private Path saved(String name) throws IOException {
        Path version = dir.resolve(name);
        ModelArtifact.save(trained.model(), trained.report(), RankingWeights.DEFAULT, name, ModelArtifact.Lineage.fresh("fp", "sample"), version);
        return version;
    }
}
