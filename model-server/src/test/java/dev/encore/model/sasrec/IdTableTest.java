package dev.encore.model.sasrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdTableTest {

    @Test
    void findsEveryKeyAtItsPositionAndNothingElse() {
        Random random = new Random(7);
        List<String> keys = new ArrayList<>();
        Map<String, Integer> expected = new HashMap<>();
        while (keys.size() < 20_000) {
            String key = random.nextBoolean() ? Integer.toString(random.nextInt(3_000_000))
                    : "tr\u00e4ck-" + Long.toString(random.nextLong(), 36);
            if (expected.putIfAbsent(key, keys.size()) == null) {
                keys.add(key);
            }
        }
        IdTable table = new IdTable(keys);
        assertEquals(keys.size(), table.size());
        for (String key : keys) {
            // A fresh copy, as the job hands in: equal characters, not the same object.
            assertEquals(expected.get(key), table.indexOf(new String(key.toCharArray())), key);
        }
        int absent = 0;
        for (int i = 0; i < 20_000; i++) {
            String probe = Integer.toString(random.nextInt(3_000_000));
            assertEquals(expected.getOrDefault(probe, -1), table.indexOf(probe), probe);
            absent += expected.containsKey(probe) ? 0 : 1;
        }
        assertTrue(absent > 10_000, "the probe must mostly miss, so that misses are tested: " + absent);
    }

    @Test
    void keysWithTheSameHashAreTold() {
        // "Aa" and "BB" have the same String hash, as do all their concatenations.
        List<String> keys = List.of("AaAa", "AaBB", "BBAa", "BBBB", "Aa", "BB", "");
        IdTable table = new IdTable(keys);
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(i, table.indexOf(keys.get(i)));
        }
        assertEquals(-1, table.indexOf("AaAaAa"));
        assertEquals(-1, table.indexOf("Ab"));
    }

    @Test
    void aKeyTwiceIsRefusedByName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new IdTable(List.of("a", "b", "a")));
        assertEquals("a is there twice", error.getMessage());
    }

    @Test
    void anEmptyTableFindsNothing() {
        assertEquals(-1, new IdTable(List.of()).indexOf("x"));
    }
}
