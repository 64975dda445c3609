package dev.encore.model.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.model.methods.RankingWeights;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SourceTest {
    @Test
    void everySourceNamesItsOwnWeightAsRankingJsonSpellsIt() {
        Set<String> components = Arrays.stream(RankingWeights.class.getRecordComponents()).map(c -> c.getName())
                .collect(Collectors.toSet());
        assertEquals(components, Arrays.stream(Source.values()).map(Source::weightKey).collect(Collectors.toSet()));
        RankingWeights distinct = new RankingWeights(1f, 2f, 3f, 4f, 5f);
        for (Source source : Source.values()) {
            float byName = switch (source.weightKey()) {
                case "transitions" -> distinct.transitions();
                case "personal" -> distinct.personal();
                case "sameArtist" -> distinct.sameArtist();
                case "trending" -> distinct.trending();
                default -> distinct.model();
            };
            assertEquals(byName, source.weightIn(distinct), source.name());
        }
    }

    @Test
    void eachSourceHasItsOwnWireName() {
        assertEquals(Source.COUNT, Arrays.stream(Source.values()).map(Source::wire).distinct().count());
    }
}
