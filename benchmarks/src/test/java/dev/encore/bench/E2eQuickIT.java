package dev.encore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.model.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The quick end-to-end profile produces well-formed results: the harness works; its speed is not judged here. */
class E2eQuickIT {
    @TempDir
    Path dir;

    @Test
    void theQuickProfileWritesEveryResultInItsShape() throws Exception {
        Path models = dir.resolve("models");
        TinyModels.saveAs(models, "tiny-v1");
        Path out = dir.resolve("results");
        int code = new CommandLine(new BenchmarkCli()).execute("e2e", "--quick", "--models-dir", models.toString(), "--out", out.toString());
        assertEquals(0, code);

        JsonNode e2e = new ObjectMapper().readTree(out.resolve("e2e.json").toFile());
        assertEquals(1, e2e.size(), "the quick profile runs at-least-once only");
        JsonNode mode = e2e.get(0);
        assertEquals("at-least-once", mode.get("mode").asText());
        for (String field : List.of("max_sustainable_eps", "passthrough_eps", "ratio", "p50_ms", "p99_ms", "state_bytes_per_user")) {
            assertTrue(mode.get(field).isNumber() && mode.get(field).asDouble() > 0, field + ": " + mode.get(field));
        }
        assertTrue(mode.get("command").asText().startsWith("benchmarks/bin/encore-bench e2e"));
        assertTrue(mode.get("steps").get("pipeline").size() >= 1);

        String md = Files.readString(out.resolve("e2e.md"));
        assertTrue(md.contains("| pipeline / passthrough |") && (md.contains("meets") || md.contains("falls short")), md);
        for (String png : List.of("e2e-throughput.png", "e2e-latency-cdf.png")) {
            assertNotNull(ImageIO.read(out.resolve(png).toFile()), png);
        }
    }
}
