package dev.encore.model.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's trending stage replayed offline: weighted plays counted in sliding event-time windows, and the
 * snapshot in force is the last window the watermark (newest event time minus the out-of-orderness bound) has
 * closed. A window without plays emits nothing, so the previous snapshot stays, as in the job.
 */
final class TrendingWindows {
    private record Play(String trackId, String artistId, float weight, long time) {
    }

    private final long size;
    private final long slide;
    private final long delay;
    private final int top;
    private final Deque<Play> plays = new ArrayDeque<>();
    private long newest = Long.MIN_VALUE;
    private TrendingSnapshot current = TrendingSnapshot.NONE;

    TrendingWindows(LiveSettings settings) {
        this.size = settings.trendingWindow().toMillis();
        this.slide = settings.trendingSlide().toMillis();
        this.delay = settings.outOfOrderness().toMillis();
        this.top = settings.trendingSize();
    }

    void add(String trackId, String artistId, float weight, long time) {
        plays.addLast(new Play(trackId, artistId, weight, time));
        newest = Math.max(newest, time);
    }

    /** The snapshot of the newest window the watermark has closed (windows are aligned to the epoch). */
    TrendingSnapshot snapshot() {
        if (newest == Long.MIN_VALUE) {
            return current;
        }
        long end = Math.floorDiv(newest - delay, slide) * slide;
        if (end <= current.windowEnd()) {
            return current;
        }
        long start = end - size;
        plays.removeIf(p -> p.time() < start);
        Map<String, float[]> counts = new LinkedHashMap<>();
        Map<String, String> artists = new LinkedHashMap<>();
        for (Play p : plays) {
            if (p.time() < end) {
                counts.computeIfAbsent(p.trackId(), t -> new float[1])[0] += p.weight();
                artists.put(p.trackId(), p.artistId());
            }
        }
        if (!counts.isEmpty()) {
            List<TrendingSnapshot.Count> all = new ArrayList<>(counts.size());
            counts.forEach((track, c) -> all.add(new TrendingSnapshot.Count(track, artists.get(track), c[0])));
            current = TrendingSnapshot.top(end, all, top);
        }
        return current;
    }
}
