package dev.encore.model.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SourceTest {
    @Test
    void eachSourceHasItsOwnScaledColumnForTheRanker() {
        assertEquals(Source.COUNT, Arrays.stream(Source.values()).mapToInt(RankingFeatures::scaledColumn).distinct().count());
    }

    @Test
    void eachSourceHasItsOwnWireName() {
        assertEquals(Source.COUNT, Arrays.stream(Source.values()).map(Source::wire).distinct().count());
    }
}
