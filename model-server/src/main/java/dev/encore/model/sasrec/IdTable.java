package dev.encore.model.sasrec;

import java.util.List;

/**
 * The position of each of a fixed list of strings, for the lookups that scoring makes for every candidate of every
 * list (about 100 per list). Strings the job hands in are freshly deserialised, so a {@code HashMap<String, Integer>}
 * cost about five dependent cache misses per lookup (bucket, node, stored key, its bytes, the boxed id): it was the
 * model thread's hottest Java method. Here a slot holds the key's hash and where its characters and position lie in
 * one packed array, so a lookup reads a slot and one stretch of that array: two misses.
 */
final class IdTable {
    /** Per stored key: its length, its position (two chars), then its characters. */
    private static final int HEADER = 3;

    private final long[] slots; // hash in the high half, 1 + offset into chars in the low half; 0: empty
    private final int mask;
    private final char[] chars;
    private final int size;

    /** @throws IllegalArgumentException when a key is there twice (named) or longer than 65,535 characters */
    IdTable(List<String> keys) {
        if (keys.size() > 1 << 29) {
            throw new IllegalArgumentException("too many keys: " + keys.size());
        }
        int capacity = Integer.highestOneBit(Math.max(2, keys.size()) * 2 - 1) << 1; // load factor at most 1/2
        slots = new long[capacity];
        mask = capacity - 1;
        long total = 0;
        for (String key : keys) {
            total += HEADER + key.length();
        }
        if (total >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("keys too long in total: " + total + " characters");
        }
        chars = new char[(int) total];
        int offset = 0;
        for (int position = 0; position < keys.size(); position++) {
            String key = keys.get(position);
            if (key.length() > Character.MAX_VALUE) {
                throw new IllegalArgumentException("key longer than " + (int) Character.MAX_VALUE + " characters: "
                        + key.substring(0, 40) + "...");
            }
            if (indexOf(key) >= 0) {
                throw new IllegalArgumentException(key + " is there twice");
            }
            chars[offset] = (char) key.length();
            chars[offset + 1] = (char) (position >>> 16);
            chars[offset + 2] = (char) position;
            key.getChars(0, key.length(), chars, offset + HEADER);
            int hash = key.hashCode();
            int slot = spread(hash) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = ((long) hash << 32) | (offset + 1L);
            offset += HEADER + key.length();
        }
        size = keys.size();
    }

    /** The key's position in the list the table was built from, or -1. */
    int indexOf(String key) {
        int hash = key.hashCode();
        int slot = spread(hash) & mask;
        long entry;
        while ((entry = slots[slot]) != 0) {
            if ((int) (entry >>> 32) == hash) {
                int offset = (int) entry - 1;
                if (matches(key, offset)) {
                    return (chars[offset + 1] << 16) | chars[offset + 2];
                }
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    int size() {
        return size;
    }

    private boolean matches(String key, int offset) {
        int length = chars[offset];
        if (length != key.length()) {
            return false;
        }
        int from = offset + HEADER;
        for (int i = 0; i < length; i++) {
            if (chars[from + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** String hashes of ids that differ in their last digits differ in their low bits only; mix the high bits in. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
