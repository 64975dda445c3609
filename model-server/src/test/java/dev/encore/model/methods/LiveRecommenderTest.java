package dev.encore.model.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.data.Interaction;
import dev.encore.model.online.OnlineState;
import dev.encore.schema.EventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveRecommenderTest {
    private final OnlineState state = new OnlineState();

    LiveRecommenderTest() {
        // Others played a -> b, a -> c, a -> d; b and c by the same artist as a.
        learn("other", "s0", "a", "art1", EventType.PLAY, 0);
        learn("other", "s0", "b", "art1", EventType.PLAY, 10);
        learn("other2", "s1", "a", "art1", EventType.PLAY, 20);
        learn("other2", "s1", "c", "art1", EventType.PLAY, 30);
        learn("other3", "s2", "a", "art1", EventType.PLAY, 40);
        learn("other3", "s2", "d", "art2", EventType.PLAY, 50);
        learn("other4", "s3", "x", "art4", EventType.PLAY, 60);
        learn("other4", "s3", "e", "art3", EventType.PLAY, 70);
        // The user skipped b, then played a.
        learn("u", "s9", "b", "art1", EventType.SKIP, 100);
        learn("u", "s9", "a", "art1", EventType.PLAY, 300);
    }

    @Test
    void skippedAndJustPlayedTracksAreNeverOfferedAndCandidatesComeFirst() {
        float[] scores = score(null, 0);

        assertEquals(-1f, scores[index("b")], "skipped in this session");
        assertEquals(-1f, scores[index("a")], "just played");
        assertTrue(scores[index("c")] > 0 && scores[index("d")] > 0, "transition candidates");
        assertEquals(0f, scores[index("e")], "not a candidate of any source");
    }

    @Test
    void theExclusionRulesCanBeRelaxedToMeasureTheirCost() {
        float[] skipsOnly = score(null, 0, LiveRecommender.Exclusions.SKIPPED_ONLY);
        assertEquals(-1f, skipsOnly[index("b")], "still skipped in this session");
        assertTrue(skipsOnly[index("a")] >= 0, "the just-played track may come again");

        float[] none = score(null, 0, LiveRecommender.Exclusions.NONE);
        assertTrue(none[index("b")] >= 0);
    }

    @Test
    void theModelRescoresTheCandidates() {
        float[] withoutModel = score(null, 0);
        assertTrue(withoutModel[index("c")] > withoutModel[index("d")], "same artist favours c");

        Rescorer prefersD = (query, candidates) -> {
            float[] s = new float[candidates.length];
            for (int i = 0; i < candidates.length; i++) {
                s[i] = candidates[i] == index("d") ? 1f : 0.01f;
            }
            return s;
        };
        float[] withModel = score(prefersD, 5f);
        assertTrue(withModel[index("d")] > withModel[index("c")], "a strong model weight puts its choice first");
    }

    private float[] score(Rescorer model, float modelWeight) {
        return score(model, modelWeight, LiveRecommender.Exclusions.SKIPPED_AND_JUST_PLAYED);
    }

    private float[] score(Rescorer model, float modelWeight, LiveRecommender.Exclusions rules) {
        LiveRecommender recommender = new LiveRecommender("live", List.of(
                new LiveRecommender.Source("transitions", Sources::transitions, 1f),
                new LiveRecommender.Source("same-artist", Sources::sameArtist, 1f)), model, null, modelWeight, 50, rules);
        float[] scores = new float[state.catalogue().size()];
        recommender.score(new Query(state.user("u"), Instant.ofEpochSecond(400), state), scores);
        return scores;
    }

    private int index(String track) {
        return state.catalogue().indexOf(track);
    }

    private void learn(String user, String session, String track, String artist, EventType type, long second) {
        state.observe(new Interaction(user, session, track, artist, type, Instant.ofEpochSecond(second)), true);
    }
}
