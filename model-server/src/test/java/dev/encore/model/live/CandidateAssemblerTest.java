package dev.encore.model.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.encore.schema.EventType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CandidateAssemblerTest {
    private static final byte PLAY = (byte) EventType.PLAY.ordinal();
    private static final byte SKIP = (byte) EventType.SKIP.ordinal();

    private static Evidence evidence(TrendingSnapshot trending) {
        return new Evidence("now", new String[] {"fav", "fav", "skipped", "now"}, new String[] {"F", "F", "S", "A"},
                new byte[] {PLAY, PLAY, SKIP, PLAY}, new String[] {"skipped"},
                new WeightedTracks(new String[] {"next1", "skipped", "next2"}, new String[] {"N", "S", "N"}, new float[] {3, 2, 1}),
                new WeightedTracks(new String[] {"now", "by-a"}, new String[] {"A", "A"}, new float[] {5, 2}), trending);
    }

    private static Candidate[] assemble(int perSource, Evidence evidence) {
        return new CandidateAssembler(perSource).assemble(evidence,
                Exclusions.SKIPPED_AND_JUST_PLAYED.of(evidence.justPlayed(), evidence.skippedInSession()));
    }

    @Test
    void unitesSourcesKeepingEveryEvidenceAndExcludingSkipsAndTheJustPlayedTrack() {
        var trending = new TrendingSnapshot(1, new String[] {"next1", "hit"}, new String[] {"N", "H"}, new float[] {10, 5});
        Candidate[] out = assemble(50, evidence(trending));
        Map<String, Candidate> byTrack = Arrays.stream(out).collect(Collectors.toMap(Candidate::trackId, Function.identity()));

        assertEquals(List.of("next1", "next2", "fav", "hit", "by-a"), Arrays.stream(out).map(Candidate::trackId).toList());
        assertFalse(byTrack.containsKey("skipped"));
        assertFalse(byTrack.containsKey("now"));
        assertEquals(3f, byTrack.get("next1").evidence(Source.CO_LISTENING));
        assertEquals(10f, byTrack.get("next1").evidence(Source.TRENDING));
        assertEquals(2f, byTrack.get("fav").evidence(Source.REPEAT), "two plays of the user's own favourite");
        assertEquals(1 + (float) Math.log1p(2), byTrack.get("by-a").evidence(Source.SAME_ARTIST), 1e-6);
        assertEquals("A", byTrack.get("by-a").artistId());
    }

    @Test
    void eachSourceOffersAtMostItsShare() {
        var trending = new TrendingSnapshot(1, new String[] {"h1", "h2", "h3"}, new String[] {"", "", ""}, new float[] {3, 2, 1});
        Candidate[] out = assemble(1, evidence(trending));
        // The artist's first track is the one just played: excluded, and its share is not handed on.
        assertEquals(List.of("next1", "fav", "h1"), Arrays.stream(out).map(Candidate::trackId).toList());
    }

    @Test
    void theRulesVariantsExcludeLess() {
        assertEquals(Set.of("skipped", "now"), Exclusions.SKIPPED_AND_JUST_PLAYED.of("now", new String[] {"skipped"}));
        assertEquals(Set.of("skipped"), Exclusions.SKIPPED_ONLY.of("now", new String[] {"skipped"}));
        assertEquals(Set.of(), Exclusions.NONE.of("now", new String[] {"skipped"}));
    }
}
