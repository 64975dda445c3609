package dev.encore.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobEnvironmentTest {
    @TempDir
    Path dir;

    private Configuration flinkWith(Map<String, String> overrides) {
        var settings = new java.util.HashMap<>(overrides);
        settings.put("state.dir", dir.toString());
        return JobEnvironment.flinkConfiguration(JobConfig.load(null, settings));
    }

    @Test
    void changelogCheckpointsByDefaultWithTheLogBesideTheCheckpoints() {
        Map<String, String> flink = flinkWith(Map.of()).toMap();
        assertEquals("true", flink.get("state.changelog.enabled"));
        assertEquals("filesystem", flink.get("state.changelog.storage"));
        assertEquals(dir.resolve("checkpoints").toUri().toString().replaceAll("/$", "") + "/changelog",
                flink.get("state.changelog.dstl.dfs.base-path"));
        assertEquals("60000 ms", flink.get("state.changelog.periodic-materialize.interval"));
    }

    @Test
    void theChangelogFollowsACheckpointDirectoryElsewhere() {
        Map<String, String> flink = flinkWith(Map.of("checkpoint.dir", "s3://bucket/checkpoints/")).toMap();
        assertEquals("s3://bucket/checkpoints/changelog", flink.get("state.changelog.dstl.dfs.base-path"));
    }

    @Test
    void aRestoreWithTheChangelogClaimsTheSnapshotItStartsFrom() {
        // NO_CLAIM, Flink's default, needs a full first checkpoint, which the changelog backend refuses (DrillsIT).
        Map<String, String> withLog = flinkWith(Map.of("restore.from", "file:///snapshots/savepoint-1")).toMap();
        assertEquals("file:///snapshots/savepoint-1", withLog.get("execution.state-recovery.path"));
        assertEquals("CLAIM", withLog.get("execution.state-recovery.claim-mode"));
        Map<String, String> without = flinkWith(Map.of("restore.from", "file:///snapshots/savepoint-1",
                "checkpoint.changelog-materialization", "0ms")).toMap();
        assertFalse(without.containsKey("execution.state-recovery.claim-mode"));
        assertFalse(flinkWith(Map.of()).toMap().containsKey("execution.state-recovery.claim-mode"));
    }

    @Test
    void zeroTurnsTheChangelogOff() {
        Map<String, String> flink = flinkWith(Map.of("checkpoint.changelog-materialization", "0ms")).toMap();
        assertFalse(flink.containsKey("state.changelog.enabled"));
        assertFalse(flink.containsKey("state.changelog.dstl.dfs.base-path"));
    }
}
