package dev.encore.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.schemas.Attribution.Outcome;
import dev.encore.schema.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributionTest {
    private static final List<String> LIST = List.of("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10", "t11");

    @Test
    void withoutANamedListATrackInTheTopTenIsAttributedAtItsRank() {
        assertEquals(new Attribution(Outcome.ACCEPTED, 3, false), Attribution.of("L", LIST, "t3", EventType.PLAY, "", 0));
        assertEquals(new Attribution(Outcome.SKIPPED, 1, false), Attribution.of("L", LIST, "t1", EventType.SKIP, null, 0));
        assertEquals(new Attribution(Outcome.LIKED, 10, false), Attribution.of("L", LIST, "t10", EventType.LIKE, "", 0));
        assertEquals(Outcome.NOT_FROM_LIST, Attribution.of("L", LIST, "t11", EventType.PLAY, "", 0).outcome(), "rank 11 is past the top 10");
        assertEquals(Outcome.NOT_FROM_LIST, Attribution.of("L", LIST, "elsewhere", EventType.PLAY, "", 0).outcome());
    }

    @Test
    void aNamedListWinsAndItsRankIsThePlayers() {
        assertEquals(new Attribution(Outcome.ACCEPTED, 7, true), Attribution.of("L", LIST, "elsewhere", EventType.PLAY, "OLD", 7),
                "a play from an older list the player named, at the rank it showed");
        assertEquals(new Attribution(Outcome.ACCEPTED, 2, true), Attribution.of("L", LIST, "t2", EventType.PLAY, "L", 0),
                "the list in force named without a rank: the track's rank in it");
        assertEquals(new Attribution(Outcome.SKIPPED, 0, true), Attribution.of("L", LIST, "x", EventType.SKIP, "OLD", 0),
                "an older list without a rank: attributed, rank unknown");
    }

    @Test
    void onlyPlaysAndSkipsAreAcceptances() {
        assertTrue(Attribution.of("L", LIST, "t1", EventType.PLAY, "", 0).accepted());
        assertTrue(Attribution.of("L", LIST, "t1", EventType.SKIP, "", 0).accepted());
        assertFalse(Attribution.of("L", LIST, "t1", EventType.LIKE, "", 0).accepted());
        assertFalse(Attribution.of("L", LIST, "t1", EventType.DISLIKE, "", 0).accepted());
        assertFalse(Attribution.of("L", LIST, "zz", EventType.PLAY, "", 0).accepted());
    }
}
