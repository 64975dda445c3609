package dev.encore.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.live.LiveSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class JobConfigTest {
    @TempDir
    Path dir;

    @Test
    void theJobsDefaultsAreTheSettingsTheEvaluationRanksWith() {
        // The offline evaluation cannot read the job's properties; this keeps the two from drifting apart.
        assertEquals(LiveSettings.DEFAULT, JobConfig.defaultsOnly().liveSettings());
    }

    @Test
    void defaultsThenFileThenOverrides() throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "session.gap=20m\nrank.top-k=10\n");
        JobConfig config = JobConfig.load(file, Map.of("rank.top-k", "5", "sink.delivery", "at-least-once"));
        assertEquals(Duration.ofMinutes(20), config.sessionGap());
        assertEquals(5, config.topK());
        assertEquals(JobConfig.Delivery.AT_LEAST_ONCE, config.delivery());
        assertEquals(50, config.sequenceLength());
        assertEquals(Duration.ofDays(30), config.stateTtl());
    }

    @Test
    void badValuesNameTheKeyAndTheFix() {
        assertMessage(Map.of("session.gap", "half an hour"), "session.gap must be a duration such as 500ms");
        assertMessage(Map.of("rank.top-k", "0"), "rank.top-k must be a whole number above 0, was '0'");
        assertMessage(Map.of("scoring.mode", "gpu"), "scoring.mode must be one of embedded, remote, off, was 'gpu'");
        assertMessage(Map.of("no.such.key", "1"), "unknown config key 'no.such.key'");
        assertMessage(Map.of("experiment.arms", "model:50,bandit:50"), "experiment.arms: 'bandit:50' is not an arm");
        assertMessage(Map.of("rank.diversity", "2"), "rank.diversity must be a number from 0 to 1 (e.g. 0.1), was '2'");
        assertMessage(Map.of("explore.rank", "-1"), "explore.rank must be a whole number, 0 or more, was '-1'");
        assertMessage(Map.of("explore.rank", "21"), "explore.rank must be within the list (1 to rank.top-k=20)");
        assertMessage(Map.of("experiment.arms", "model:50,explore:50"),
                "experiment.arms has an 'explore' arm but explore.rank is 0: set explore.rank to the slot it fills (e.g. 10)");
        assertMessage(Map.of("trending.window", "1h", "trending.slide", "7m"), "trending.window must be a multiple of trending.slide");
        assertMessage(Map.of("restore.from", "latest", "checkpoint.dir", "s3://bucket/checkpoints"),
                "restore.from=latest finds checkpoints in a local checkpoint.dir only");
        assertMessage(Map.of("kafka.client-properties", dir.resolve("no-such.properties").toString()),
                "kafka.client-properties: Kafka client properties file");
        var missing = assertThrows(JobConfig.ConfigException.class, () -> JobConfig.load(dir.resolve("absent.properties"), Map.of()));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void theCommandLineAnswersABadValueWithOneLineAndExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new StreamJobMain()).execute("--set", "checkpoint.interval=soon");
            assertEquals(2, code);
        } finally {
            System.setErr(old);
        }
        String printed = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, printed.lines().count(), printed);
        assertTrue(printed.startsWith("encore-job: checkpoint.interval must be a duration"), printed);
    }

    private static void assertMessage(Map<String, String> overrides, String expected) {
        var error = assertThrows(JobConfig.ConfigException.class, () -> JobConfig.load(null, overrides));
        assertTrue(error.getMessage().startsWith(expected) || error.getMessage().contains(expected), error.getMessage());
        assertEquals(1, error.getMessage().lines().count());
    }
}
