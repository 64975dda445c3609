package dev.encore.model.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.encore.model.scoring.Scorer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelPassTest {

    private static Candidate candidate(String track, Source source, float value) {
        float[] evidence = new float[Source.COUNT];
        evidence[source.ordinal()] = value;
        return new Candidate(track, "artist-of-" + track, evidence);
    }

    @Test
    void rescoringOnlyKeepsTheCandidatesAndGivesEachItsScore() {
        Candidate[] candidates = {candidate("a", Source.CO_LISTENING, 2f), candidate("b", Source.TRENDING, 1f)};

        ModelPass.Scored scored = ModelPass.apply(candidates, new Scorer.Ranked(new float[] {0.5f, Float.NaN}, List.of()), Set.of());

        assertEquals(2, scored.candidates().length);
        assertSame(candidates[0], scored.candidates()[0]);
        assertSame(candidates[1], scored.candidates()[1]);
        assertArrayEquals(new float[] {0.5f, Float.NaN}, scored.logits());
    }

    @Test
    void theModelsOwnTracksAreAddedOnCopiesAndExclusionsHold() {
        Candidate a = candidate("a", Source.CO_LISTENING, 2f);
        Candidate[] candidates = {a};
        var top = List.of(new Scorer.ScoredTrack("new", "artist-of-new", 3f), new Scorer.ScoredTrack("a", "artist-of-a", 2.5f),
                new Scorer.ScoredTrack("skipped", "artist-of-skipped", 2f));

        ModelPass.Scored scored = ModelPass.apply(candidates, new Scorer.Ranked(new float[] {0.7f}, top), Set.of("skipped"));

        assertEquals(List.of("a", "new"), java.util.Arrays.stream(scored.candidates()).map(Candidate::trackId).toList());
        assertArrayEquals(new float[] {0.7f, 3f}, scored.logits());
        // a was the model's second best: it gains MODEL evidence 1/2 on a copy; the set's own candidate is unchanged.
        assertEquals(0.5f, scored.candidates()[0].evidence(Source.MODEL));
        assertEquals(1f, scored.candidates()[1].evidence(Source.MODEL));
        assertEquals(0f, a.evidence(Source.MODEL));
    }
}
