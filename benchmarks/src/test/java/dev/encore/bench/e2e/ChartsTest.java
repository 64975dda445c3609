package dev.encore.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reports' charts render to PNG, a log axis and a long series (a latency CDF) included. */
class ChartsTest {
    @TempDir
    Path dir;

    @Test
    void linesAndBarsRenderToPng() throws Exception {
        double[] latency = new double[5_000];
        double[] share = new double[latency.length];
        for (int i = 0; i < latency.length; i++) {
            latency[i] = 1 + i * 0.7;
            share[i] = (i + 1.0) / latency.length;
        }
        Charts.lines(dir.resolve("cdf.png"), "CDF", "latency ms (log)", "share", List.of(new Charts.Series("pipeline", latency, share),
                new Charts.Series("short", new double[] {500, 1000, 2000}, new double[] {400, 900, 1200})), true);
        Charts.bars(dir.resolve("bars.png"), "NDCG@10", "NDCG@10", List.of("a", "b", "c"), new double[] {0.1, 0.05, 0});
        for (String name : List.of("cdf.png", "bars.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
            assertNotNull(image, name + " is a PNG");
            assertEquals(900, image.getWidth(), name);
        }
    }
}
