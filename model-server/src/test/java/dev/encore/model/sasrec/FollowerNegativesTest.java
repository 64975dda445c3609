package dev.encore.model.sasrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.data.Interaction;
import dev.encore.model.testing.SampleData;
import dev.encore.model.testing.TinyModels;
import dev.encore.schema.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hard negatives are a track's co-listening neighbours, by the live source's rule, in the model's ids. */
class FollowerNegativesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void neighboursAreTheCoListeningPairsStrongestFirst() {
        // Session one plays a b c; session two a c. After a: b (1) and c (1/2 + 1); after b: c (1), a (1/2 backwards).
        List<Interaction> events = new ArrayList<>();
        events.addAll(session("u1", "s1", "a", "b", "c"));
        events.addAll(session("u2", "s2", "a", "c"));
        ItemVocabulary vocabulary = SasRecTrainer.vocabularyOf(events);
        FollowerNegatives followers = FollowerNegatives.of(events, vocabulary, 10);

        assertArrayEquals(ids(vocabulary, "c", "b"), followers.of(vocabulary.id("a")));
        assertArrayEquals(ids(vocabulary, "c", "a"), followers.of(vocabulary.id("b")));
        assertEquals(1, FollowerNegatives.of(events, vocabulary, 1).of(vocabulary.id("a")).length, "at most perTrack each");
        assertEquals(0, followers.of(ItemVocabulary.PADDING).length);
        assertEquals(0, followers.of(ItemVocabulary.OUT_OF_VOCABULARY).length);
    }

    @Test
    void samplesComeFromThePositionsOwnNeighboursAndArePaddingWhereItHasNone() {
        List<Interaction> events = new ArrayList<>();
        events.addAll(session("u1", "s1", "a", "b", "c", "d"));
        ItemVocabulary vocabulary = SasRecTrainer.vocabularyOf(events);
        FollowerNegatives followers = FollowerNegatives.of(events, vocabulary, 10);
        long[] inputs = {ItemVocabulary.PADDING, vocabulary.id("a"), ItemVocabulary.OUT_OF_VOCABULARY, vocabulary.id("d")};

        long[] drawn = followers.sample(inputs, 5, new Random(3));

        assertEquals(inputs.length * 5, drawn.length);
        for (int p = 0; p < inputs.length; p++) {
            int[] own = followers.of(inputs[p]);
            for (int j = 0; j < 5; j++) {
                long id = drawn[p * 5 + j];
                if (own.length == 0) {
                    assertEquals(ItemVocabulary.PADDING, id, "position " + p + " has no neighbours");
                } else {
                    assertTrue(contains(own, id), "position " + p + " drew " + id + ", not a neighbour of its track");
                }
            }
        }
        assertTrue(followers.of(vocabulary.id("d")).length > 0, "the last track is paired backwards");
    }

    @Test
    void eachPositionAlsoCompetesWithItsNeighboursInTheLoss() {
        List<Interaction> events = SampleData.events().subList(0, 3000);
        SasRecConfig plain = TinyModels.TINY;
        SasRecConfig hard = new SasRecConfig(plain.maxLength(), plain.dim(), plain.blocks(), plain.heads(), plain.dropout(),
                plain.batchSize(), plain.learningRate(), plain.maxEpochs(), plain.patience(), plain.negatives(), plain.seed(),
                plain.trackDropout(), 4);

        double plainLoss = firstEpochLoss(plain, events);
        double hardLoss = firstEpochLoss(hard, events);

        assertTrue(Double.isFinite(hardLoss), "finite loss with follower negatives: " + hardLoss);
        // Four more competitors per position, and likely ones: from the same start, the epoch's loss is higher.
        assertTrue(hardLoss > plainLoss, "with neighbours as negatives " + hardLoss + ", without " + plainLoss);
    }

    private static double firstEpochLoss(SasRecConfig config, List<Interaction> events) {
        SasRecTrainer.Result result = new SasRecTrainer(config).train(events.subList(0, 2700), events.subList(2700, 3000), null);
        try (SasRecModel ignored = result.model()) {
            return result.report().epochs().get(0).loss();
        }
    }

    private static List<Interaction> session(String user, String session, String... tracks) {
        List<Interaction> events = new ArrayList<>();
        for (int i = 0; i < tracks.length; i++) {
            events.add(new Interaction(user, session, tracks[i], "artist-" + tracks[i], EventType.PLAY, T0.plusSeconds(200L * i)));
        }
        return events;
    }

    private static int[] ids(ItemVocabulary vocabulary, String... tracks) {
        int[] ids = new int[tracks.length];
        for (int i = 0; i < tracks.length; i++) {
            ids[i] = vocabulary.id(tracks[i]);
        }
        return ids;
    }

    private static boolean contains(int[] values, long value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
