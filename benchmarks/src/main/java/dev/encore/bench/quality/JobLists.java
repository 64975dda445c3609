package dev.encore.bench.quality;

import dev.encore.model.data.Interaction;
import dev.encore.model.live.RankedItem;
import dev.encore.model.methods.ListMethod;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The lists the job wrote, played back to the evaluation as a method: the list in force for a user is the one
 * the job made for the user's latest event (by trigger event id, so the figure does not depend on replay speed
 * or on how the job numbers events). An event without a list of its own (coalesced into a later one) leaves the
 * previous list in force.
 */
final class JobLists implements ListMethod {
    private final String name;
    private final Map<String, List<RankedItem>> byTriggerEvent;
    private final Iterator<String> eventIds;
    private final Map<String, List<RankedItem>> inForce = new HashMap<>();

    /** @param eventIds the id of every event the evaluation will observe, in its order */
    JobLists(String name, Map<String, List<RankedItem>> byTriggerEvent, List<String> eventIds) {
        this.name = name;
        this.byTriggerEvent = byTriggerEvent;
        this.eventIds = eventIds.iterator();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void observe(Interaction event, boolean learn) {
        List<RankedItem> list = byTriggerEvent.get(eventIds.next());
        if (list != null) {
            inForce.put(event.userId(), list);
        }
    }

    @Override
    public List<RankedItem> list(String userId) {
        return inForce.getOrDefault(userId, List.of());
    }
}
