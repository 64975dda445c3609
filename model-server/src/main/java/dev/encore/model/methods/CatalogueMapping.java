package dev.encore.model.methods;

import dev.encore.model.online.Catalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Where a model's tracks sit in the evaluation's catalogue: the catalogue index of each of the model's ids (-1
 * while the catalogue does not know the track). The catalogue only grows, so ids once found stay found and
 * only the missing ones are looked up again.
 */
final class CatalogueMapping {
    private final IntFunction<String> trackAt;
    private final int from;
    private final int size;
    private Catalogue mapped;
    private int[] indexes = new int[0];
    private final List<Integer> missing = new ArrayList<>();

    /** @param trackAt the track id of each model id in {@code [from, size)} */
    CatalogueMapping(IntFunction<String> trackAt, int from, int size) {
        this.trackAt = trackAt;
        this.from = from;
        this.size = size;
    }

    int[] in(Catalogue catalogue) {
        if (catalogue != mapped) {
            mapped = catalogue;
            indexes = new int[size];
            java.util.Arrays.fill(indexes, -1);
            missing.clear();
            for (int id = from; id < size; id++) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            missing.removeIf(id -> (indexes[id] = catalogue.indexOf(trackAt.apply(id))) >= 0);
        }
        return indexes;
    }
}
