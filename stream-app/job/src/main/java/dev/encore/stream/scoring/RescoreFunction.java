package dev.encore.stream.scoring;

import dev.encore.model.scoring.DynamicBatcher;
import dev.encore.model.scoring.HttpScorer;
import dev.encore.model.scoring.NewestModel;
import dev.encore.model.scoring.Scorer;
import dev.encore.stream.JobMetrics;
import dev.encore.stream.StageReachedEvent;
import dev.encore.stream.experiment.ExperimentArms;
import dev.encore.stream.recommend.CandidateSet;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rescoring with Flink Async I/O, so that waiting for the model never blocks the stream: sets from many users
 * are gathered into one model call (at most {@code batchSize}, waiting at most {@code batchWait} after the
 * first), whether the model runs in this task (embedded) or in a model server (remote). Embedded, a newer model
 * version landing in the models folder is swapped in without a restart ({@link NewestModel}); remote, the server swaps.
 * Either way each set carries the ranking weights of the version that scored it: remote, fetched from the server the
 * first time a version answers ({@link HttpScorer#rankingOf}), or, where the server cannot give them, those read at
 * start (logged). A batch scores only the newest set of each user in it (unless
 * {@code skipSuperseded} is off); the older ones go on as superseded, to be judged but not listed. When the model fails
 * or does not answer within the async timeout, the set goes on unscored and marked degraded: the job never
 * fails because the model is down.
 */
public final class RescoreFunction extends RichAsyncFunction<CandidateSet, ScoredSet> {
    private static final Logger LOG = LoggerFactory.getLogger(RescoreFunction.class);

    private final ScorerFactory factory;
    private final int modelTopK;
    private final int batchSize;
    private final Duration batchWait;
    private final boolean skipSuperseded;
    private transient NewestModel embedded;
    private transient HttpScorer remote;
    private transient RemoteRankings remoteRankings;
    private transient DynamicBatcher<CandidateSet, ScoredSet> batcher;
    private transient Counter degraded;
    private transient Counter timeouts;
    private transient Histogram scoringMillis;
    private transient volatile long lastFailureLog;

    public RescoreFunction(ScorerFactory factory, int modelTopK, int batchSize, Duration batchWait, boolean skipSuperseded) {
        this.factory = factory;
        this.modelTopK = modelTopK;
        this.batchSize = batchSize;
        this.batchWait = batchWait;
        this.skipSuperseded = skipSuperseded;
    }

    @Override
    public void open(OpenContext context) {
        var metrics = getRuntimeContext().getMetricGroup();
        degraded = metrics.counter(JobMetrics.DEGRADED);
        timeouts = metrics.counter(JobMetrics.SCORING_TIMEOUTS);
        scoringMillis = metrics.histogram(JobMetrics.SCORING_MS, new DescriptiveStatisticsHistogram(10_000));
        switch (factory.mode()) {
            case EMBEDDED -> embedded = factory.openEmbedded();
            case REMOTE -> {
                remote = factory.openRemote();
                remoteRankings = new RemoteRankings(remote, factory.weights());
            }
            case OFF -> { }
        }
        if (embedded != null || remote != null) {
            warmUp();
            batcher = new DynamicBatcher<>("rescore-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                    this::scoreBatch, batchSize, batchWait, n -> { });
        }
    }

    /**
     * The first calls into a fresh model take far longer than the rest (native code and memory pools warming
     * up); paying that in open() keeps the first real events from timing out into degraded lists.
     */
    private void warmUp() {
        try {
            for (int i = 0; i < 3; i++) {
                List<Scorer.Request> empty = List.of(new Scorer.Request(List.of(), List.of()));
                if (embedded != null) {
                    embedded.scorer().scoreAndTop(empty, modelTopK);
                } else {
                    remote.scoreAndTop(empty, modelTopK);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("model warm-up failed ({}); events will be ranked degraded until the model answers", e.getMessage());
        }
    }

    private List<ScoredSet> scoreBatch(List<CandidateSet> sets) {
        long start = System.nanoTime();
        List<CandidateSet> newest = skipSuperseded ? NewestPerUser.of(sets) : sets;
        List<ScoredSet> scored = embedded != null
                ? embedded.use((scorer, weights) -> ModelCalls.score(scorer, version -> weights, newest, modelTopK))
                : ModelCalls.score(remote, remoteRankings::of, newest, modelTopK);
        scoringMillis.update((System.nanoTime() - start) / 1_000_000);
        return newest.size() == sets.size() ? scored : NewestPerUser.merge(sets, newest, scored);
    }

    @Override
    public void asyncInvoke(CandidateSet set, ResultFuture<ScoredSet> result) {
        if (batcher == null || !ExperimentArms.modelScores(set.arm())) {
            // No model in the job, or the user's experiment arm is ranked without it: nothing to call, nothing failed.
            result.complete(List.of(ScoredSet.withoutModel(set)));
            return;
        }
        if (set.candidates().length == 0 && modelTopK == 0) {
            // Nothing to ask the model. Answered here, not in a batch: in a batch it cost a model pass, and it was
            // marked degraded or not by whether the other sets in that batch made the call fail.
            result.complete(List.of(nothingToScore(set)));
            return;
        }
        batcher.submit(set).whenComplete((scored, error) -> {
            if (error == null) {
                StageReachedEvent.mark(StageReachedEvent.SCORED, set.ingestTime());
                result.complete(List.of(scored));
            } else {
                logFailure(error);
                degraded.inc();
                result.complete(List.of(ScoredSet.degraded(set, modelVersion())));
            }
        });
    }

    /** What a successful model call answers for a set without candidates, with the version in force. */
    private ScoredSet nothingToScore(CandidateSet set) {
        return embedded != null
                ? embedded.use((scorer, weights) -> ScoredSet.scored(set, new float[0], scorer.modelVersion(), weights))
                : scoredWithoutCandidates(set, remote.modelVersion());
    }

    private ScoredSet scoredWithoutCandidates(CandidateSet set, String version) {
        return ScoredSet.scored(set, new float[0], version, remoteRankings.of(version));
    }

    @Override
    public void timeout(CandidateSet set, ResultFuture<ScoredSet> result) {
        timeouts.inc();
        degraded.inc();
        result.complete(List.of(ScoredSet.degraded(set, modelVersion())));
    }

    private String modelVersion() {
        return embedded != null ? embedded.modelVersion() : remote != null ? remote.modelVersion() : ScoredSet.NO_MODEL;
    }

    /** One line at most every 10 s: a model outage must not flood the log with one stack trace per event. */
    private void logFailure(Throwable error) {
        long now = System.currentTimeMillis();
        if (now - lastFailureLog > 10_000) {
            lastFailureLog = now;
            Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
            LOG.warn("model scoring failed, ranking without it (degraded) until it answers again: {}", cause.getMessage());
        }
    }

    @Override
    public void close() {
        if (batcher != null) {
            batcher.close();
        }
        if (embedded != null) {
            embedded.close();
        }
        if (remote != null) {
            remote.close();
        }
    }
}
