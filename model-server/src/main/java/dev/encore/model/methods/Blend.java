package dev.encore.model.methods;

import dev.encore.model.online.UserHistory;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Ranks by a weighted sum of sources, each scaled to a maximum of 1 so that weights are comparable. As the live
 * recommender does, it can keep only each source's top candidates and drop the tracks skipped in this session
 * and the track just played.
 *
 * @param candidatesPerSource 0 to score the whole catalogue; else each source contributes only its top N
 */
public record Blend(String name, List<Part> parts, int candidatesPerSource, boolean liveExclusions)
        implements NextTrackMethod {

    /** One source with its weight. */
    public record Part(String source, float weight, BiConsumer<Query, float[]> scorer) {
    }

    public Blend {
        parts = List.copyOf(parts);
    }

    @Override
    public void score(Query query, float[] scores) {
        int n = query.state().catalogue().size();
        float[] part = scratch(0, n);
        for (Part p : parts) {
            if (p.weight() == 0) {
                continue;
            }
            Arrays.fill(part, 0, n, 0f);
            p.scorer().accept(query, part);
            float max = 0;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, part[i]);
            }
            if (max <= 0) {
                continue;
            }
            float threshold = candidatesPerSource > 0
                    ? TopK.kthLargestPositive(part, n, candidatesPerSource, scratch(1, n)) : Float.NEGATIVE_INFINITY;
            float scale = p.weight() / max;
            for (int i = 0; i < n; i++) {
                if (part[i] > 0 && part[i] >= threshold) {
                    scores[i] += part[i] * scale;
                }
            }
        }
        if (liveExclusions) {
            exclude(query, scores);
        }
    }

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

    private static float[] scratch(int slot, int n) {
        float[][] buffers = SCRATCH.get();
        if (buffers[slot].length < n) {
            buffers[slot] = new float[Math.max(n, buffers[slot].length * 2)];
        }
        return buffers[slot];
    }

    /** The live recommender never offers a track skipped in this session, nor the one just played. */
    static void exclude(Query query, float[] scores) {
        UserHistory user = query.user();
        for (UserHistory.Step step : user.session()) {
            if (step.track() >= 0 && user.skippedInSession(step.trackId())) {
                scores[step.track()] = -1;
            }
        }
        UserHistory.Step last = user.last();
        if (last != null && last.track() >= 0) {
            scores[last.track()] = -1;
        }
    }
}
