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
@Name(ModelBatchEvent.NAME)
@Label("Model batch")
@Category("Encore")
@Description("One batched model call")
public final class ModelBatchEvent extends jdk.jfr.Event {
    /** The event's name, for recordings that enable it and readers that pick it out. */
    public static final String NAME = "encore.ModelBatch";

    @Label("Batcher")
    String batcher;

    @Label("Requests")
    int size;

    @Label("Oldest request's queue wait")
    @Timespan(Timespan.NANOSECONDS)
    long queuedNanos;
}
