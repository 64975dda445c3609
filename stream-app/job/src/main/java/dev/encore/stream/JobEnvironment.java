package dev.encore.stream;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink settings the job runs with, from its configuration: RocksDB state with incremental checkpoints and,
 * unless turned off, a changelog (decision 0033), restarts from the latest checkpoint, no Kryo fallback, a short
 * network buffer timeout for latency. On a cluster the same settings apply to the submitted job; locally the
 * environment is a MiniCluster.
 */
public final class JobEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(JobEnvironment.class);

    private JobEnvironment() {
    }

    public static Configuration flinkConfiguration(JobConfig config) {
        Path stateDir = Path.of(config.stateDir()).toAbsolutePath();
        String checkpoints = config.checkpointDir().isEmpty()
                ? stateDir.resolve("checkpoints").toUri().toString() : config.checkpointDir();
        Configuration flink = new Configuration();
        flink.setString("state.backend.type", "rocksdb");
        flink.setString("execution.checkpointing.incremental", "true");
        flink.setString("execution.checkpointing.storage", "filesystem");
        flink.setString("execution.checkpointing.dir", checkpoints);
        flink.setString("execution.checkpointing.interval", config.checkpointInterval().toMillis() + " ms");
        flink.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        flink.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        flink.setString("execution.checkpointing.num-retained", "2");
        if (config.changelog()) {
            // The log is part of each checkpoint, so it lives on the same durable storage as the checkpoints.
            flink.setString("state.changelog.enabled", "true");
            flink.setString("state.changelog.storage", "filesystem");
            flink.setString("state.changelog.dstl.dfs.base-path", changelogDir(checkpoints));
            flink.setString("state.changelog.periodic-materialize.interval", config.changelogMaterialization().toMillis() + " ms");
        }
        flink.setString("state.backend.rocksdb.localdir", stateDir.resolve("rocksdb").toString());
        flink.setString("io.tmp.dirs", stateDir.resolve("tmp").toString());
        flink.setString("restart-strategy.type", "fixed-delay");
        flink.setString("restart-strategy.fixed-delay.attempts", "100");
        flink.setString("restart-strategy.fixed-delay.delay", "1 s");
        flink.setString("pipeline.generic-types", "false");
        flink.setString("execution.buffer-timeout.interval", "5 ms");
        flink.setString("parallelism.default", Integer.toString(config.parallelism()));
        if (!config.prometheusPort().isEmpty()) {
            flink.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            flink.setString("metrics.reporter.prom.port", config.prometheusPort());
        }
        restorePath(config, checkpoints).ifPresent(path -> {
            flink.setString("execution.state-recovery.path", path);
            if (config.changelog()) {
                // Without a claim Flink must make the first checkpoint a full one, which the changelog cannot: every
                // checkpoint after the restore failed. Claimed, the snapshot is the job's own and subsumed like one.
                flink.setString("execution.state-recovery.claim-mode", "CLAIM");
            }
        });
        return flink;
    }

    /** The changelog's folder, inside the checkpoint directory. */
    private static String changelogDir(String checkpoints) {
        return (checkpoints.endsWith("/") ? checkpoints : checkpoints + "/") + "changelog";
    }

    /** What to restore from: {@code restore.from} as given, or for {@code latest} the newest complete checkpoint. */
    private static Optional<String> restorePath(JobConfig config, String checkpoints) {
        if (config.restoreFrom().isEmpty()) {
            return Optional.empty();
        }
        if (!config.restoreFrom().equals(LatestCheckpoint.LATEST)) {
            return Optional.of(config.restoreFrom());
        }
        Optional<Path> latest = LatestCheckpoint.under(checkpoints);
        LOG.info(latest.map(p -> "restoring from the latest checkpoint " + p)
                .orElse("no checkpoint under " + checkpoints + " yet: starting from the group's committed offsets"));
        return latest.map(Path::toString);
    }

    /** The environment: a MiniCluster when run locally, the cluster's when the jar is submitted. */
    public static StreamExecutionEnvironment create(JobConfig config) {
        return StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config));
    }
}
