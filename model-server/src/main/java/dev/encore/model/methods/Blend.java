package dev.encore.model.methods;

import java.util.List;
import java.util.function.BiConsumer;

/** A baseline that ranks the whole catalogue by a weighted sum of sources, each scaled to a maximum of 1. */
public record Blend(String name, List<Part> parts) implements NextTrackMethod {

    /** One source with its weight. */
    public record Part(String source, float weight, BiConsumer<Query, float[]> scorer) {
    }

    public Blend {
        parts = List.copyOf(parts);
    }

    @Override
    public void score(Query query, float[] scores) {
        int n = query.state().catalogue().size();
        float[] part = new float[n];
        for (Part p : parts) {
            java.util.Arrays.fill(part, 0f);
            p.scorer().accept(query, part);
            float max = 0;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, part[i]);
            }
            if (max > 0) {
                for (int i = 0; i < n; i++) {
                    scores[i] += part[i] * p.weight() / max;
                }
            }
        }
    }
}
