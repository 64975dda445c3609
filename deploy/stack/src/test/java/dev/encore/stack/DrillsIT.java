package dev.encore.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short form of the reliability drill ({@code encore drills}): a real stack replays real events while the job
 * process is killed (SIGKILL) twice and restarted from its latest checkpoint; every event must come out exactly once,
 * counted once in its user's state. The full drill (10 kills, a broker restart, a model-server kill) runs by hand.
 */
class DrillsIT {
    @TempDir
    Path dir;

    @Test
    void killingTheJobProcessLosesAndDuplicatesNothing() throws Exception {
        Path results = dir.resolve("drills.json");
        int exit = EncoreCli.run("drills", "--job-kills", "2", "--no-broker-restart", "--no-model-server-kill",
                "--limit", "2500", "--speed", "1000", "--work-dir", dir.resolve("stack").toString(), "--out", results.toString());
        JsonNode json = new ObjectMapper().readTree(results.toFile());
        JsonNode audit = json.path("audit");
        assertEquals(2, json.path("faults").size(), "both kills happened mid-stream: " + json);
        assertEquals(2500, audit.path("events").asLong(), json.toString());
        assertEquals(0, audit.path("lost").asLong(), json.toString());
        assertEquals(0, audit.path("duplicated").asLong(), json.toString());
        assertEquals(0, audit.path("miscounted").asLong(), json.toString());
        assertEquals(2500, audit.path("lists").asLong() + audit.path("superseded").asLong(),
                "each event has its own list or was seen by its user's next list: " + json);
        assertTrue(audit.path("lists").asLong() > 0, json.toString());
        assertEquals(0, exit);
    }
}
