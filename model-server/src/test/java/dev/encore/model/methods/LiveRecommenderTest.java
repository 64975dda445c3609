package dev.encore.model.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.data.Interaction;
import dev.encore.model.live.Exclusions;
import dev.encore.model.live.LiveSettings;
import dev.encore.model.live.RankedItem;
import dev.encore.model.live.Source;
import dev.encore.schema.EventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveRecommenderTest {
    private static final RankingWeights WEIGHTS = RankingWeights.blend(1f, 0f, 0.5f, 0.1f, 0f);
    /** Seconds apart, far past the trending window's close, so that a trending snapshot is in force. */
    private static final long HOUR = 3600;

    private static Interaction event(String user, String track, String artist, EventType type, long seconds) {
        return new Interaction(user, "session-of-" + user, track, artist, type, Instant.ofEpochSecond(1_700_000_000L + seconds));
    }

    private static LiveRecommender replayed(Exclusions rules) {
        LiveRecommender live = new LiveRecommender("live", LiveSettings.DEFAULT, WEIGHTS, null, rules);
        // Others played a -> b, a -> c, a -> d; b and c by the same artist as a.
        List.of(event("o1", "a", "art1", EventType.PLAY, 0), event("o1", "b", "art1", EventType.PLAY, 10),
                event("o2", "a", "art1", EventType.PLAY, 20), event("o2", "c", "art1", EventType.PLAY, 30),
                event("o3", "a", "art1", EventType.PLAY, 40), event("o3", "d", "art2", EventType.PLAY, 50),
                // The user skipped b, then played a, two hours later (trending windows have closed).
                event("u", "b", "art1", EventType.SKIP, 2 * HOUR), event("u", "a", "art1", EventType.PLAY, 2 * HOUR + 200))
                .forEach(e -> live.observe(e, true));
        return live;
    }

    private static List<String> tracks(List<RankedItem> items) {
        return items.stream().map(RankedItem::trackId).toList();
    }

    @Test
    void theListInForceComesFromTheUsersLastEventUnderTheProductRules() {
        List<RankedItem> list = replayed(Exclusions.SKIPPED_AND_JUST_PLAYED).list("u");

        assertFalse(tracks(list).contains("b"), "skipped in this session");
        assertFalse(tracks(list).contains("a"), "just played");
        assertEquals(List.of("c", "d"), tracks(list).subList(0, 2), "co-listening neighbours of a, same artist first");
        assertEquals(Source.CO_LISTENING, list.get(0).source());
        assertTrue(list.stream().allMatch(item -> item.score() > 0), "no filler");
    }

    @Test
    void theRulesCanBeRelaxedToMeasureTheirCost() {
        assertTrue(tracks(replayed(Exclusions.SKIPPED_ONLY).list("u")).contains("a"), "the just-played track may come again");
        assertFalse(tracks(replayed(Exclusions.SKIPPED_ONLY).list("u")).contains("b"));
        assertTrue(tracks(replayed(Exclusions.NONE).list("u")).contains("b"));
    }

    @Test
    void aListenerWithNoEvidenceOfTheirOwnGetsWhatIsTrendingWithThatReason() {
        LiveRecommender live = replayed(Exclusions.SKIPPED_AND_JUST_PLAYED);
        live.observe(event("new", "z", "art9", EventType.PLAY, 2 * HOUR + 300), true);
        List<RankedItem> list = live.list("new");

        assertFalse(list.isEmpty());
        assertTrue(list.stream().allMatch(item -> item.source() == Source.TRENDING && item.reason().equals("trending now")),
                list.toString());
        assertEquals(List.of(), live.list("never-seen"));
    }

    @Test
    void beforeTheirFirstEventAListenerIsShownWhatIsTrendingNowByTheSameRanking() {
        LiveRecommender live = replayed(Exclusions.SKIPPED_AND_JUST_PLAYED);
        List<RankedItem> first = live.newListenerList();

        assertFalse(first.isEmpty());
        assertTrue(first.stream().allMatch(item -> item.source() == Source.TRENDING && item.reason().equals("trending now")),
                first.toString());
        // A listener whose one event proposes nothing of its own (an unknown track and artist) sees the same list.
        live.observe(event("new", "z", "art9", EventType.PLAY, 2 * HOUR + 300), true);
        assertEquals(tracks(live.list("new")), tracks(first));
        assertEquals(List.of(1), first.stream().map(RankedItem::rank).limit(1).toList());
    }
}
