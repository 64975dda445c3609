package dev.encore.stream.scoring;

import dev.encore.model.methods.RankingWeights;
import dev.encore.model.scoring.HttpScorer;
import dev.encore.model.scoring.RecentVersions;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ranking weights of each model version a model server scores with, asked of the server the first time the version
 * answers and kept (a version's weights never change), so that a remote list is ranked with the weights learned with
 * the version that scored it, across the server's hot swaps. Where the server cannot give them (a server from before
 * {@code /v1/ranking}, a version it no longer holds, a failed request), the list is ranked with the weights read when
 * the job started, said once per version in the log, and the server is asked again a minute later.
 */
final class RemoteRankings {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteRankings.class);
    private static final long ASK_AGAIN_MILLIS = 60_000;

    private final HttpScorer server;
    private final RankingWeights atStart;
    private final Map<String, RankingWeights> known = RecentVersions.map();
    private final Map<String, Long> failedAt = RecentVersions.map();

    RemoteRankings(HttpScorer server, RankingWeights atStart) {
        this.server = server;
        this.atStart = atStart;
    }

    RankingWeights of(String version) {
        RankingWeights weights = known.get(version);
        if (weights != null) {
            return weights;
        }
        long now = System.currentTimeMillis();
        Long failed = failedAt.get(version);
        if (failed != null && now - failed < ASK_AGAIN_MILLIS) {
            return atStart;
        }
        try {
            weights = server.rankingOf(version);
            known.put(version, weights);
            failedAt.remove(version);
            return weights;
        } catch (RuntimeException e) {
            if (failedAt.put(version, now) == null) {
                LOG.warn("no ranking weights for model {} from the model server ({}): ranking its lists with those read at start",
                        version, e.getMessage());
            }
            return atStart;
        }
    }
}
