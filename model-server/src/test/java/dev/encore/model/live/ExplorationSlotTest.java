package dev.encore.model.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.methods.RankingWeights;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExplorationSlotTest {
    // Co-listening ranks a > b > c; the artist's tracks are d (strongest) and a; trending has only e.
    private static final Candidate[] CANDIDATES = {
            candidate("a", 3f, 1f, 0f), candidate("b", 2f, 0f, 0f), candidate("c", 1f, 0f, 0f),
            candidate("d", 0f, 5f, 0f), candidate("e", 0f, 0f, 1f)};
    private static final Ranker CO_LISTENING_ONLY = new Ranker(RankingWeights.blend(1f, 0f, 0f, 0.001f, 0f), 4, 20);

    @Test
    void theSourcesStrongestTrackNotAboveTheSlotTakesItAndTheRestMoveDown() {
        RankedItem[] ranked = CO_LISTENING_ONLY.rank(CANDIDATES, null, new String[0], "x");
        assertEquals("a b c e", ids(ranked), "the blend: co-listening, then trending at its small weight");

        RankedItem[] placed = new ExplorationSlot(2).place(ranked, CANDIDATES, null, Source.SAME_ARTIST, "x");

        assertEquals("a d b c", ids(placed), "d at rank 2, the list keeps its length");
        assertArrayEquals(new int[] {1, 2, 3, 4}, Arrays.stream(placed).mapToInt(RankedItem::rank).toArray());
        assertTrue(placed[1].explored());
        assertEquals(Source.SAME_ARTIST, placed[1].source());
        assertEquals("more by the artist of x", placed[1].reason());
        assertFalse(placed[0].explored() || placed[2].explored() || placed[3].explored());
    }

    @Test
    void aPickTheBlendRankedBelowTheSlotMovesUpOnce() {
        RankedItem[] ranked = CO_LISTENING_ONLY.rank(CANDIDATES, null, new String[0], "x");
        RankedItem[] placed = new ExplorationSlot(1).place(ranked, CANDIDATES, null, Source.TRENDING, "x");
        assertEquals("e a b c", ids(placed));
        assertEquals(ranked[3].score(), placed[0].score(), "it keeps its blend score");
    }

    @Test
    void aSourceWithNothingBeyondTheSlotIsUnavailableAndTheModelNeedsLogits() {
        RankedItem[] ranked = CO_LISTENING_ONLY.rank(CANDIDATES, null, new String[0], "x");
        ExplorationSlot slot = new ExplorationSlot(4);
        boolean[] available = slot.available(ranked, CANDIDATES, null);
        assertFalse(available[Source.CO_LISTENING.ordinal()], "a, b and c are all above rank 4");
        assertTrue(available[Source.SAME_ARTIST.ordinal()]);
        assertTrue(available[Source.TRENDING.ordinal()], "e sits at rank 4 itself: not above the slot");
        assertFalse(available[Source.REPEAT.ordinal()], "no repeat evidence at all");
        assertFalse(available[Source.MODEL.ordinal()], "no logits");
        float[] logits = {0f, 1f, 2f, 3f, Float.NaN};
        assertTrue(slot.available(ranked, CANDIDATES, logits)[Source.MODEL.ordinal()]);
        assertEquals("a b c d", ids(slot.place(ranked, CANDIDATES, logits, Source.MODEL, "x")));
        assertSame(ranked, slot.place(ranked, CANDIDATES, null, Source.REPEAT, "x"), "nothing to offer: unchanged");
    }

    @Test
    void aListShorterThanTheSlotGetsThePickAtItsEnd() {
        RankedItem[] ranked = Arrays.copyOf(CO_LISTENING_ONLY.rank(CANDIDATES, null, new String[0], "x"), 2);
        RankedItem[] placed = new ExplorationSlot(10).place(ranked, CANDIDATES, null, Source.SAME_ARTIST, "x");
        assertEquals("a b d", ids(placed));
        assertEquals(3, placed[2].rank());
    }

    private static Candidate candidate(String track, float coListening, float sameArtist, float trending) {
        float[] evidence = new float[Source.COUNT];
        evidence[Source.CO_LISTENING.ordinal()] = coListening;
        evidence[Source.SAME_ARTIST.ordinal()] = sameArtist;
        evidence[Source.TRENDING.ordinal()] = trending;
        return new Candidate(track, "artist-" + track, evidence);
    }

    private static String ids(RankedItem[] items) {
        return String.join(" ", Arrays.stream(items).map(RankedItem::trackId).toList());
    }
}
