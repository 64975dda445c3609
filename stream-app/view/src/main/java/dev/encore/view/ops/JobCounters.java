package dev.encore.view.ops;

import java.util.Map;

/**
 * The job's own counters as its Prometheus reporter last served them, summed over operators and subtasks.
 *
 * @param predictionsByModelVersion events judged against the list in force, per model version of that list
 * @param hitsByModelVersion        of those, events whose track was in the list's top 10
 */
public record JobCounters(double deadLettered, double degraded, double recommendations,
                          Map<String, Double> predictionsByModelVersion, Map<String, Double> hitsByModelVersion) {

    public JobCounters {
        predictionsByModelVersion = Map.copyOf(predictionsByModelVersion);
        hitsByModelVersion = Map.copyOf(hitsByModelVersion);
    }
}
