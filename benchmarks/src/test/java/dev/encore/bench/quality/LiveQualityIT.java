package dev.encore.bench.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.model.methods.MethodSuite;
import dev.encore.model.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quality-live} on a slice of the real sample: the job's committed lists, judged by the evaluation, must
 * score like the same recommender run offline, and mostly be the very same lists. Fails if the job and the
 * evaluation drift apart anywhere between the topic and the ranking.
 */
class LiveQualityIT {
    private static final Path SAMPLE = Path.of(System.getProperty("encore.home", "..")).resolve("deploy/sample/30music-200ks_test.0.txt");

    @TempDir
    Path dir;

    @Test
    void theJobsListsScoreAsTheOfflineRecommendersDo() throws Exception {
        List<String> lines = Files.readAllLines(SAMPLE);
        List<Long> times = new ArrayList<>(lines.subList(1, lines.size()).stream().map(l -> Long.parseLong(l.split("\t")[3])).sorted().toList());
        // Sessions starting in the first fifth of the sample's time (about 4,700 events); those starting in its last
        // fifth are judged. Whole sessions go to one side: event ids are made from the session and the position.
        long end = times.get(times.size() / 5);
        long cut = times.get(times.size() * 4 / 25);
        Map<String, Long> sessionStart = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            sessionStart.merge(f[1], Long.parseLong(f[3]), Math::min);
        }
        Path train = dir.resolve("train.txt");
        Path test = dir.resolve("test.txt");
        Files.write(train, sessions(lines, sessionStart, Long.MIN_VALUE, cut));
        Files.write(test, sessions(lines, sessionStart, cut, end));
        Path models = dir.resolve("models");
        Path model = TinyModels.saveAs(models, "tiny-v1");

        LiveQuality.Result result = LiveQuality.run(new LiveQuality.Settings(List.of(train), List.of(test), model,
                dir.resolve("work"), Duration.ofMinutes(5), Map.of()), System.out);

        var offline = result.evaluation().methods().get(MethodSuite.LIVE);
        var job = result.evaluation().methods().get(LiveQuality.JOB);
        System.out.printf("offline NDCG@10 %.4f, job %.4f, identical top 10s %.1f%% of %,d predictions%n", offline.ndcg(),
                job.ndcg(), 100 * result.identicalShare(), result.evaluation().predictions());
        assertEquals(result.eventsReplayed(), result.listsRead(), "one committed list per event");
        assertTrue(result.evaluation().predictions() > 400, "predictions: " + result.evaluation().predictions());
        assertTrue(offline.ndcg() > 0.01, "offline NDCG@10 " + offline.ndcg());
        assertEquals(offline.ndcg(), job.ndcg(), 0.10 * offline.ndcg(), "job vs offline NDCG@10");
        // Not all: trending snapshots and other listeners' near events reach a running job at their own pace (README).
        // Measured on this slice: 32-34% with the model rescoring the sources' candidates (the default, decision
        // 0023), 83% when the model's own top 50 joined them, because then the model's tracks, which do not depend
        // on that timing, filled most lists. A job that scrambled or lost lists would be near 0.
        assertTrue(result.identicalShare() > 0.25, "identical top 10s: " + result.identicalShare());
        // New listeners' first events meet the new-listener list the job published (read back from its topic).
        assertTrue(result.evaluation().firstEventsOfNewUsers() > 0, "no new listener in the judged slice");
        assertTrue(result.evaluation().firstEvents().get(LiveQuality.JOB).coverage() > 0, "the job published no new-listener list");
    }

    /** The header and the lines of the sessions that start in [from, to). */
    private static List<String> sessions(List<String> lines, Map<String, Long> sessionStart, long from, long to) {
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            long start = sessionStart.get(line.split("\t")[1]);
            if (start >= from && start < to) {
                out.add(line);
            }
        }
        return out;
    }
}
