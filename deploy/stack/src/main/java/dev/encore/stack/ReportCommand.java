package dev.encore.stack;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code encore report}: the running job's experiment, read from its Prometheus endpoints: per arm, the lists
 * served and the share of events that took a track from the list in force (acceptance) with its 95% interval, and
 * each arm's difference from the first with Newcombe's interval. Run it against a stack with
 * {@code experiment.arms} set (the local stack sets {@code model:50,no-model:50}).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Compare the experiment's arms: acceptance rates with 95% intervals and their differences.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--metrics-url", split = ",", paramLabel = "URL",
            description = "The job's Prometheus endpoints, comma-separated (a Flink cluster has one per process). "
                    + "Default: the local stack's, http://127.0.0.1:9249/metrics.")
    List<URI> metricsUrls = new ArrayList<>(List.of(URI.create("http://127.0.0.1:9249/metrics")));

    @Override
    public Integer call() {
        List<JobMetricsText.Sample> samples = JobMetricsText.scrape(metricsUrls);
        if (samples.isEmpty()) {
            throw new IllegalStateException("no metrics at " + metricsUrls + ": is the job running? (deploy/bin/encore stack --replay; "
                    + "on a Flink cluster pass every process's endpoint with --metrics-url)");
        }
        Map<String, ArmAcceptance> arms = ArmAcceptance.byArm(samples);
        if (arms.isEmpty()) {
            throw new IllegalStateException("the job at " + metricsUrls + " has judged no event against a list yet: replay some events first");
        }
        print(arms, ArmAcceptance.byArmAndVersion(samples), System.out);
        return 0;
    }

    static void print(Map<String, ArmAcceptance> arms, Map<String, ArmAcceptance> byVersion, PrintStream out) {
        out.println("Acceptance: events whose track was in the list in force (top 10, or named by the player), by experiment arm");
        out.printf("%-28s %10s %10s %10s %8s %18s %7s %8s %7s%n", "arm / model version", "lists", "judged", "accepted", "rate",
                "95% interval", "top-3", "skipped", "liked");
        byVersion.forEach((key, a) -> row(out, "  " + key, a));
        arms.forEach((arm, a) -> row(out, arm, a));
        List<String> names = new ArrayList<>(arms.keySet());
        if (names.size() < 2) {
            out.println("one arm only (" + names.get(0) + "): set experiment.arms (e.g. model:50,no-model:50) to compare");
            return;
        }
        String control = names.contains("model") ? "model" : names.get(0);
        ArmAcceptance base = arms.get(control);
        for (String arm : names) {
            if (arm.equals(control)) {
                continue;
            }
            ArmAcceptance a = arms.get(arm);
            ProportionInterval d = ProportionInterval.difference(a.accepted(), a.judged(), base.accepted(), base.judged(), ProportionInterval.Z95);
            out.printf("%s - %s: %+.2f points, 95%% interval [%+.2f, %+.2f] (Newcombe): %s%n", arm, control,
                    100 * (a.rate() - base.rate()), 100 * d.low(), 100 * d.high(),
                    d.excludes(0) ? "a difference at the 95% level" : "no difference shown at the 95% level");
        }
    }

    private static void row(PrintStream out, String label, ArmAcceptance a) {
        ProportionInterval ci = a.interval();
        out.printf("%-28s %,10d %,10d %,10d %7.2f%% [%6.2f%%, %6.2f%%] %7.2f%% %7.2f%% %,7d%n", label, a.lists(), a.judged(),
                a.accepted(), 100 * a.rate(), 100 * ci.low(), 100 * ci.high(),
                a.accepted() == 0 ? 0 : 100.0 * a.top3() / a.accepted(), a.accepted() == 0 ? 0 : 100.0 * a.skipped() / a.accepted(), a.liked());
    }
}
