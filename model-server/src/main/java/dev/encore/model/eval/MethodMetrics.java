package dev.encore.model.eval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One method's figures over all predictions of a protocol, with full ranking at cut-off 10. Coverage is the
 * share of the final catalogue ever recommended in a top 10; novelty the mean self-information
 * (-log2 popularity share) of recommended tracks; artist diversity the mean share of distinct artists in a top 10
 * (1: every track by another artist).
 */
public record MethodMetrics(@JsonProperty("hr@10") double hr, @JsonProperty("ndcg@10") double ndcg,
                            @JsonProperty("mrr@10") double mrr, @JsonProperty("coverage@10") double coverage,
                            @JsonProperty("novelty") double novelty, @JsonProperty("artist_hr@10") double artistHr,
                            @JsonProperty("artist_diversity@10") double artistDiversity, @JsonIgnore long predictions) {
}
