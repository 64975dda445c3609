package dev.encore.stream.trending;

import dev.encore.model.live.TrendingSnapshot;
import java.util.ArrayList;
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
        List<TrendingSnapshot.Count> all = new ArrayList<>();
        counts.get().forEach(c -> all.add(new TrendingSnapshot.Count(c.trackId(), c.artistId(), c.count())));
        counts.clear();
        out.collect(TrendingSnapshot.top(context.getCurrentKey(), all, size));
    }
}
