package dev.encore.model.cli;

import dev.encore.model.data.Interaction;
import dev.encore.model.data.ListeningData;
import dev.encore.model.sasrec.ModelArtifact;
import dev.encore.model.sasrec.SequenceInput;
import dev.encore.model.scoring.SasRecScorer;
import dev.encore.model.scoring.Scorer;
import dev.encore.schemas.listening.PlaySkipRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: scoring latency and throughput of the newest model on real histories, and resident memory
 * over many calls, printed next to their targets.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure scoring latency, throughput and memory growth.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ModelsDirOption models = new ModelsDirOption();
    @Option(names = "--calls", defaultValue = "20000", description = "Single-request calls to time. Default: ${DEFAULT-VALUE}.") int calls;
    @Option(names = "--memory-calls", defaultValue = "100000", description = "Calls between the two RSS readings. Default: ${DEFAULT-VALUE}.") int memoryCalls;
    @Option(names = "--candidates", defaultValue = "200") int candidates;

    @Override
    public Integer call() throws Exception {
        Path dir = models.newestOrFail();
        List<Interaction> events = ListeningData.read(data.testFiles(), PlaySkipRule.DEFAULT);
        List<String> tracks = events.stream().map(Interaction::trackId).distinct().toList();
        Random random = new Random(1);
        List<Scorer.Request> requests = new ArrayList<>();
        for (int i = 0; i + 50 < events.size() && requests.size() < 1000; i += 20) {
            List<SequenceInput.Event> history = events.subList(i, i + 50).stream()
                    .map(e -> new SequenceInput.Event(e.trackId(), e.artistId(), e.type())).toList();
            List<String> candidateIds = new ArrayList<>();
            for (int c = 0; c < candidates; c++) {
                candidateIds.add(tracks.get(random.nextInt(tracks.size())));
            }
            requests.add(new Scorer.Request(history, candidateIds));
        }
        ModelArtifact.Loaded loaded = ModelArtifact.load(dir);
        try (Scorer scorer = new SasRecScorer(loaded.model(), loaded.manifest().modelVersion())) {
            for (int i = 0; i < 2000; i++) {
                scorer.score(List.of(requests.get(i % requests.size())));
            }
            long[] nanos = new long[calls];
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                scorer.score(List.of(requests.get(i % requests.size())));
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            double p50 = nanos[calls / 2] / 1e6;
            double p99 = nanos[(int) (calls * 0.99)] / 1e6;
            System.out.printf("1 x %d candidates: p50 %.3f ms, p99 %.3f ms (target p99 <= 2 ms: %s)%n", candidates, p50, p99,
                    p99 <= 2 ? "meets" : "falls short");

            int batches = Math.max(1, calls / 32);
            long start = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                int from = (b * 32) % (requests.size() - 32);
                scorer.score(requests.subList(from, from + 32));
            }
            double perSecond = batches * 32 / ((System.nanoTime() - start) / 1e9);
            System.out.printf("batch 32 x %d candidates: %,.0f sequences/s (target >= 10,000: %s)%n", candidates, perSecond,
                    perSecond >= 10_000 ? "meets" : "falls short");

            long rssBefore = rssKb();
            for (int i = 0; i < memoryCalls; i++) {
                scorer.score(List.of(requests.get(i % requests.size())));
            }
            long rssAfter = rssKb();
            System.out.printf("RSS before %,d KB, after %,d more calls %,d KB (growth %+,d KB)%n", rssBefore, memoryCalls,
                    rssAfter, rssAfter - rssBefore);
        }
        return 0;
    }

    private static long rssKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
    }
}
