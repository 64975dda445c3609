package dev.encore.model.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceBanditTest {
    private static final boolean[] ALL = all(true);

    @Test
    void withoutEvidenceEverySourceIsTriedAboutEquallyOften() {
        Map<Source, Integer> picks = picks(new SourceBandit(100, 10_000), ALL, new SourceOutcomes(), new SourceOutcomes(), 5000);
        for (Source source : Source.values()) {
            int n = picks.getOrDefault(source, 0);
            assertTrue(n > 800 && n < 1200, source + " picked " + n + " of 5000 times: " + picks);
        }
    }

    @Test
    void theSourceWhosePicksAreAcceptedWinsMostDrawsAndTheOthersStillGetTried() {
        SourceOutcomes population = new SourceOutcomes();
        for (Source source : Source.values()) {
            record(population, source, 1000, source == Source.SAME_ARTIST ? 150 : 50);
        }
        // Capped at 100 lists: Beta(16, 86) against Beta(6, 96) each; the artist wins about 96% of draws.
        Map<Source, Integer> picks = picks(new SourceBandit(100, 10_000), ALL, population, new SourceOutcomes(), 2000);
        assertTrue(picks.getOrDefault(Source.SAME_ARTIST, 0) > 1800, "picks: " + picks);
        assertTrue(picks.getOrDefault(Source.SAME_ARTIST, 0) < 1990, "the others still get tried: " + picks);
    }

    @Test
    void aListenersOwnOutcomesOutweighThePopulationsCappedPrior() {
        SourceOutcomes population = new SourceOutcomes();
        record(population, Source.REPEAT, 10_000, 3_000);
        record(population, Source.SAME_ARTIST, 10_000, 100);
        SourceOutcomes listener = new SourceOutcomes();
        record(listener, Source.REPEAT, 100, 0);
        record(listener, Source.SAME_ARTIST, 100, 60);
        boolean[] two = all(false);
        two[Source.REPEAT.ordinal()] = true;
        two[Source.SAME_ARTIST.ordinal()] = true;
        SourceBandit bandit = new SourceBandit(100, 10_000);

        Map<Source, Integer> forListener = picks(bandit, two, population, listener, 1000);
        Map<Source, Integer> forNewcomer = picks(bandit, two, population, new SourceOutcomes(), 1000);

        assertTrue(forListener.getOrDefault(Source.SAME_ARTIST, 0) > 900, "the listener's picks: " + forListener);
        assertTrue(forNewcomer.getOrDefault(Source.REPEAT, 0) > 900, "a newcomer follows the population: " + forNewcomer);
        // Beta(1 + 3000/100, 1 + 7000/100 + 100) for REPEAT: the population weighs as 100 lists, not 10,000.
        assertEquals(31.0 / (31 + 171), bandit.mean(Source.REPEAT, population, listener), 1e-9);
    }

    @Test
    void thePopulationsMemoryFadesSoTheBanditFollowsAChange() {
        boolean[] two = all(false);
        two[Source.REPEAT.ordinal()] = true;
        two[Source.SAME_ARTIST.ordinal()] = true;
        SourceBandit forgetful = new SourceBandit(100, 300);
        SourceBandit allTime = new SourceBandit(100, 1_000_000_000);
        SourceOutcomes recent = new SourceOutcomes();
        SourceOutcomes cumulative = new SourceOutcomes();
        // First repeats are taken 30% of the time and the artist's tracks never; then repeats never, the artist 10%.
        for (int i = 0; i < 2000; i++) {
            boolean before = i < 1000;
            Source source = i % 2 == 0 ? Source.REPEAT : Source.SAME_ARTIST;
            boolean accepted = before ? source == Source.REPEAT && i % 20 < 6 : source == Source.SAME_ARTIST && i % 20 < 4;
            forgetful.learn(recent, new SourceOutcomes(), source, accepted);
            allTime.learn(cumulative, new SourceOutcomes(), source, accepted);
        }
        Map<Source, Integer> following = picks(forgetful, two, recent, new SourceOutcomes(), 1000);
        Map<Source, Integer> averaging = picks(allTime, two, cumulative, new SourceOutcomes(), 1000);
        assertTrue(following.getOrDefault(Source.SAME_ARTIST, 0) > 800, "a memory of 300 lists: " + following);
        assertTrue(averaging.getOrDefault(Source.REPEAT, 0) > 800, "all time, repeats still lead 15% to 5%: " + averaging);
        assertEquals(1000, cumulative.shown(Source.REPEAT), 1e-3);
    }

    @Test
    void onlyAvailableSourcesArePickedAndTheSameSeedPicksTheSame() {
        boolean[] onlyTrending = all(false);
        onlyTrending[Source.TRENDING.ordinal()] = true;
        SourceBandit bandit = new SourceBandit(100, 10_000);
        assertEquals(Map.of(Source.TRENDING, 300), picks(bandit, onlyTrending, new SourceOutcomes(), new SourceOutcomes(), 300));
        assertNull(bandit.choose(all(false), new SourceOutcomes(), new SourceOutcomes(), 1));
        for (long seed = 0; seed < 50; seed++) {
            assertEquals(bandit.choose(ALL, new SourceOutcomes(), new SourceOutcomes(), seed),
                    bandit.choose(ALL, new SourceOutcomes(), new SourceOutcomes(), seed));
        }
    }

    private static Map<Source, Integer> picks(SourceBandit bandit, boolean[] available, SourceOutcomes population,
                                              SourceOutcomes listener, int draws) {
        Map<Source, Integer> picks = new EnumMap<>(Source.class);
        for (long seed = 0; seed < draws; seed++) {
            picks.merge(bandit.choose(available, population, listener, seed * 7919), 1, Integer::sum);
        }
        return picks;
    }

    private static void record(SourceOutcomes outcomes, Source source, int shown, int accepted) {
        for (int i = 0; i < shown; i++) {
            outcomes.record(source, i < accepted);
        }
    }

    private static boolean[] all(boolean value) {
        boolean[] flags = new boolean[Source.COUNT];
        Arrays.fill(flags, value);
        return flags;
    }
}
