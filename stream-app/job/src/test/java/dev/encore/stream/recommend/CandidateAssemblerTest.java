package dev.encore.stream.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.encore.schema.EventType;
import dev.encore.stream.sequence.Trigger;
import dev.encore.stream.trending.TrendingSnapshot;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CandidateAssemblerTest {
    private static final byte PLAY = (byte) EventType.PLAY.ordinal();
    private static final byte SKIP = (byte) EventType.SKIP.ordinal();

    private static Trigger trigger() {
        return new Trigger("e", "u", "now", "A", EventType.PLAY, 0, 0, 4,
                new String[] {"fav", "fav", "skipped", "now"}, new String[] {"F", "F", "S", "A"},
                new byte[] {PLAY, PLAY, SKIP, PLAY}, new String[] {"skipped"},
                new String[] {"next1", "skipped", "next2"}, new String[] {"N", "S", "N"}, new float[] {3, 2, 1});
    }

    @Test
    void unitesSourcesKeepingEveryEvidenceAndExcludingSkipsAndTheJustPlayedTrack() {
        var trending = new TrendingSnapshot(1, new String[] {"next1", "hit"}, new String[] {"N", "H"}, new float[] {10, 5});
        ContentCandidates content = (t, n) -> List.of(new ContentCandidates.Proposal("similar", "C", 0.9f));
        Candidate[] out = new CandidateAssembler(50, content).assemble(trigger(), trending, CandidateAssembler.excluded(trigger()));
        Map<String, Candidate> byTrack = Arrays.stream(out).collect(Collectors.toMap(Candidate::trackId, Function.identity()));

        assertEquals(List.of("next1", "next2", "fav", "hit", "similar"), Arrays.stream(out).map(Candidate::trackId).toList());
        assertFalse(byTrack.containsKey("skipped"));
        assertFalse(byTrack.containsKey("now"));
        assertEquals(3f, byTrack.get("next1").signals()[Signal.CO_LISTENING.ordinal()]);
        assertEquals(10f, byTrack.get("next1").signals()[Signal.TRENDING.ordinal()]);
        assertEquals(2f, byTrack.get("fav").signals()[Signal.REPEAT.ordinal()], "two plays of the user's own favourite");
        assertEquals(0.9f, byTrack.get("similar").signals()[Signal.CONTENT.ordinal()]);
    }

    @Test
    void eachSourceOffersAtMostItsShare() {
        var trending = new TrendingSnapshot(1, new String[] {"h1", "h2", "h3"}, new String[] {"", "", ""}, new float[] {3, 2, 1});
        Candidate[] out = new CandidateAssembler(1, ContentCandidates.NONE).assemble(trigger(), trending, CandidateAssembler.excluded(trigger()));
        assertEquals(List.of("next1", "fav", "h1"), Arrays.stream(out).map(Candidate::trackId).toList());
    }
}
