package dev.encore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class KafkaBrokerTest {
    /** One id in 64 would start with '-' and the format tool would refuse it as an unknown option (seen in CI). */
    @Test
    void clusterIdsNeverLookLikeAnOption() {
        for (int i = 0; i < 20_000; i++) {
            String id = KafkaBroker.newClusterId();
            assertFalse(id.startsWith("-"), id);
            assertEquals(22, id.length(), id);
        }
    }
}
