package dev.encore.stream.trending;

import dev.encore.model.live.CandidateAssembler;
import dev.encore.model.live.NewListenerList;
import dev.encore.model.live.RankedItem;
import dev.encore.model.live.Ranker;
import dev.encore.model.live.TrendingSnapshot;
import dev.encore.schemas.Topics;
import dev.encore.stream.rank.RankedList;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by the one key {@link Topics#NEW_LISTENER_KEY}: turns each closed trending window into the list for
 * listeners with no event yet ({@link NewListenerList}), for the new-listener topic. Windows are ranked on
 * different subtasks and may arrive out of order; one older than the newest already published is dropped, so the
 * compacted topic always ends on the newest. The list's id comes from the window, so a replay after a restart
 * writes the same id and players can echo it ({@code Attribution}).
 */
public final class NewListenerListFunction extends KeyedProcessFunction<String, TrendingSnapshot, RankedList> {
    static final String NEWEST = "newest-window-published";

    private final CandidateAssembler assembler;
    private final Ranker ranker;
    private transient ValueState<Long> newest;

    public NewListenerListFunction(CandidateAssembler assembler, Ranker ranker) {
        this.assembler = assembler;
        this.ranker = ranker;
    }

    @Override
    public void open(OpenContext context) {
        newest = getRuntimeContext().getState(new ValueStateDescriptor<>(NEWEST, Long.class));
    }

    @Override
    public void processElement(TrendingSnapshot snapshot, Context context, Collector<RankedList> out) throws Exception {
        Long published = newest.value();
        if (published != null && snapshot.windowEnd() <= published) {
            return;
        }
        newest.update(snapshot.windowEnd());
        RankedItem[] items = NewListenerList.rank(snapshot, assembler, ranker);
        String id = UUID.nameUUIDFromBytes(("new-listener:" + snapshot.windowEnd()).getBytes(StandardCharsets.UTF_8)).toString();
        long now = System.currentTimeMillis();
        out.collect(new RankedList(id, Topics.NEW_LISTENER_KEY, now, "trending-window-" + snapshot.windowEnd(),
                snapshot.windowEnd(), now, "none", false, 0, items, ""));
    }
}
