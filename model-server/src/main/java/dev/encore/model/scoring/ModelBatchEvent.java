package dev.encore.model.scoring;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * One model call of a {@link DynamicBatcher}, recorded by Java Flight Recorder when a recording enables it
 * ({@code encore-bench profile} does): its duration is the call's, and it says how many requests it answered and
 * how long the oldest had waited in the queue before the call began. Costs nothing when no recording runs.
 */
@Name("encore.ModelBatch")
@Label("Model batch")
@Category("Encore")
@Description("One batched model call")
final class ModelBatchEvent extends jdk.jfr.Event {
    @Label("Batcher")
    String batcher;

    @Label("Requests")
    int size;

    @Label("Oldest request's queue wait")
    @Timespan(Timespan.NANOSECONDS)
    long queuedNanos;
}
