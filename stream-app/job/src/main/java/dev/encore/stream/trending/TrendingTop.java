package dev.encore.stream.trending;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by window end: gathers the per-track counts of one window (computed in parallel, keyed by track) and,
 * once the watermark passes the window's end, emits its top tracks and forgets them. Each window is one key,
 * so consecutive windows are ranked on different subtasks; the volume here is one record per played track per
 * slide, not one per event.
 */
public final class TrendingTop extends KeyedProcessFunction<Long, TrackCount, TrendingSnapshot> {
    static final String STATE = "window-counts";

    private final int size;
    private transient ListState<TrackCount> counts;

    public TrendingTop(int size) {
        this.size = size;
    }

    @Override
    public void open(OpenContext context) {
        counts = getRuntimeContext().getListState(new ListStateDescriptor<>(STATE, TrackCount.class));
    }

    @Override
    public void processElement(TrackCount count, Context context, Collector<TrendingSnapshot> out) throws Exception {
        counts.add(count);
        context.timerService().registerEventTimeTimer(count.windowEnd());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<TrendingSnapshot> out) throws Exception {
        List<TrackCount> all = new ArrayList<>();
        counts.get().forEach(all::add);
        counts.clear();
        all.sort(Comparator.comparingDouble((TrackCount c) -> -c.count()).thenComparing(TrackCount::trackId));
        int n = Math.min(size, all.size());
        String[] tracks = new String[n];
        String[] artists = new String[n];
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            tracks[i] = all.get(i).trackId();
            artists[i] = all.get(i).artistId();
            values[i] = all.get(i).count();
        }
        out.collect(new TrendingSnapshot(context.getCurrentKey(), tracks, artists, values));
    }
}
