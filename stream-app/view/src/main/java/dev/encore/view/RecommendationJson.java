package dev.encore.view;

import dev.encore.schema.RecommendedItem;
import dev.encore.schema.Recommendations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A list as the REST answer shows it (the OpenAPI document's {@code Recommendations}). */
final class RecommendationJson {
    private RecommendationJson() {
    }

    static Map<String, Object> of(Recommendations list) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("userId", list.getUserId());
        json.put("recommendationId", list.getRecommendationId());
        json.put("modelVersion", list.getModelVersion());
        json.put("arm", list.getArm());
        json.put("degraded", list.getDegraded());
        json.put("generatedAt", list.getGeneratedAt().toString());
        json.put("ageMs", Math.max(0, System.currentTimeMillis() - list.getGeneratedAt().toEpochMilli()));
        json.put("triggerEventId", list.getTriggerEventId());
        json.put("triggerEventTime", list.getTriggerEventTime().toString());
        json.put("eventsSeen", list.getEventsSeen());
        List<Map<String, Object>> items = new ArrayList<>();
        for (RecommendedItem item : list.getItems()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("rank", item.getRank());
            entry.put("trackId", item.getTrackId());
            entry.put("score", item.getScore());
            entry.put("source", item.getSource().name());
            entry.put("reason", item.getReason());
            entry.put("explored", item.getExplored());
            items.add(entry);
        }
        json.put("items", items);
        return json;
    }
}
