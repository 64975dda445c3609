package dev.encore.bench.quality;

import dev.encore.model.data.Interaction;
import dev.encore.model.live.RankedItem;
import dev.encore.model.methods.ListMethod;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The lists the job wrote, played back to the evaluation as a method: the list in force for a user is the one
 * the job made for the user's latest event (by trigger event id, so the figure does not depend on replay speed
 * or on how the job numbers events). An event without a list of its own (coalesced into a later one) leaves the
 * previous list in force. For a listener with no event yet, the newest new-listener list whose trending window the
 * events so far have closed (its end no later than the newest event time less the watermark's delay), as the job
 * publishes them.
 */
final class JobLists implements ListMethod {
    private final String name;
    private final Map<String, List<RankedItem>> byTriggerEvent;
    private final Iterator<String> eventIds;
    private final Map<String, List<RankedItem>> inForce = new HashMap<>();
    private final NavigableMap<Long, List<RankedItem>> newListenerLists;
    private final long delayMillis;
    private long newest = Long.MIN_VALUE;

    /**
     * @param eventIds         the id of every event the evaluation will observe, in its order
     * @param newListenerLists the job's new-listener lists by the end of their trending window
     * @param delay            the job's watermark delay ({@code watermark.out-of-orderness})
     */
    JobLists(String name, Map<String, List<RankedItem>> byTriggerEvent, List<String> eventIds,
             NavigableMap<Long, List<RankedItem>> newListenerLists, Duration delay) {
        this.name = name;
        this.byTriggerEvent = byTriggerEvent;
        this.eventIds = eventIds.iterator();
        this.newListenerLists = newListenerLists;
        this.delayMillis = delay.toMillis();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void observe(Interaction event, boolean learn) {
        newest = Math.max(newest, event.time().toEpochMilli());
        List<RankedItem> list = byTriggerEvent.get(eventIds.next());
        if (list != null) {
            inForce.put(event.userId(), list);
        }
    }

    @Override
    public List<RankedItem> list(String userId) {
        return inForce.getOrDefault(userId, List.of());
    }

    @Override
    public List<RankedItem> newListenerList() {
        var published = newest == Long.MIN_VALUE ? null : newListenerLists.floorEntry(newest - delayMillis);
        return published == null ? List.of() : published.getValue();
    }
}
