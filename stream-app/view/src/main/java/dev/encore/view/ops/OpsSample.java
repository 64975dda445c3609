package dev.encore.view.ops;

import java.util.Optional;

/**
 * What the view read at one instant; the page's rates and quantiles are differences between samples.
 *
 * @param eventsEnd          the events topic's end offsets, summed (events players have sent)
 * @param listsRead          lists the view has taken in
 * @param freshnessCounts    the freshness histogram's cumulative bucket counts (last: +Inf)
 * @param lagRecords         the job's consumer group: largest lag over partitions, in records
 * @param lagSeconds         the same, in estimated seconds
 * @param job                the job's counters, when its metrics endpoint answered
 */
public record OpsSample(long millis, long eventsEnd, long listsRead, long[] freshnessCounts, long lagRecords,
                        double lagSeconds, Optional<JobCounters> job) {
}
