package dev.encore.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the end-to-end results: {@code e2e.json} (one object per delivery mode, plus the steps), {@code e2e.md}
 * (every figure beside its target with "meets" or "falls short") and PNG plots.
 */
public final class E2eReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final double RATIO_TARGET = 0.25;
    static final double AT_LEAST_ONCE_P99_TARGET_MS = 50;
    static final double EXACTLY_ONCE_MARGIN_MS = 100;
    static final double STATE_TARGET_BYTES = 2048;
    static final double STACK_RSS_TARGET_KB = 3 * 1024 * 1024;

    private E2eReport() {
    }

    public static void write(Path dir, E2eBenchmark.Result result, StateSize.Bytes state, String source, String command,
                             long checkpointMillis, boolean quick) throws IOException {
        Files.createDirectories(dir);
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
        List<Map<String, Object>> modes = new ArrayList<>();
        StringBuilder md = new StringBuilder();
        md.append("# End-to-end benchmark").append(quick ? " (quick profile: a smoke run, not figures to quote)" : "").append("\n\n");
        md.append("- command: `").append(command).append("`\n- date: ").append(Instant.now()).append("\n- machine: ").append(machine)
                .append("\n- load: ").append(source).append("\n- latency: from the time each event was due to be sent (open loop) to "
                        + "its output being readable with read_committed\n- sustained: at least ")
                .append(Math.round(StepResult.ANSWERED * 100)).append("% of a step's events answered within ")
                .append(fmt(E2eBenchmark.GRACE_MILLIS)).append(" ms of its end, at p99 <= ").append(fmt(E2eBenchmark.P99_BOUND_MILLIS))
                .append(" ms (exactly-once: both plus the checkpoint interval, ").append(fmt(checkpointMillis)).append(" ms)\n\n");
        for (String mode : List.of("at-least-once", "exactly-once")) {
            JobRun pipeline = find(result.runs(), "pipeline", mode);
            JobRun passthrough = find(result.runs(), "passthrough", mode);
            if (pipeline == null || passthrough == null) {
                continue;
            }
            double ratio = passthrough.maxSustainableEps() == 0 ? Double.NaN : pipeline.maxSustainableEps() / passthrough.maxSustainableEps();
            StepResult lastPassthroughStep = passthrough.steps().get(passthrough.steps().size() - 1);
            // A passthrough that kept up with every step has an unknown limit: the ratio is then only an upper bound.
            boolean passthroughLimitReached = !lastPassthroughStep.sustainable();
            StepResult half = pipeline.atHalf();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", mode);
            m.put("max_sustainable_eps", pipeline.maxSustainableEps());
            m.put("passthrough_eps", passthrough.maxSustainableEps());
            m.put("ratio", ratio);
            m.put("passthrough_limit_reached", passthroughLimitReached);
            m.put("p50_ms", half == null ? null : half.p50Ms());
            m.put("p99_ms", half == null ? null : half.p99Ms());
            m.put("state_bytes_per_user", state.mean());
            m.put("command", command);
            m.put("steps", Map.of("pipeline", steps(pipeline), "passthrough", steps(passthrough)));
            modes.add(m);

            double p99Target = mode.equals("exactly-once") ? checkpointMillis + EXACTLY_ONCE_MARGIN_MS : AT_LEAST_ONCE_P99_TARGET_MS;
            md.append("## ").append(mode).append("\n\n| figure | measured | target | verdict |\n| --- | --- | --- | --- |\n");
            row(md, "max sustainable rate, pipeline", fmt(pipeline.maxSustainableEps()) + " events/s", "", null);
            row(md, "max sustainable rate, passthrough", fmt(passthrough.maxSustainableEps()) + " events/s"
                    + (passthroughLimitReached ? "" : " (highest step offered; its limit is higher)"), "", null);
            row(md, "pipeline / passthrough", ratioCell(ratio, passthroughLimitReached), ">= " + RATIO_TARGET,
                    ratioMeets(ratio, passthroughLimitReached));
            if (half != null) {
                row(md, "p50 at half the max (" + fmt(half.offeredEps()) + "/s)", fmt(half.p50Ms()) + " ms", "", null);
                row(md, "p99 at half the max", fmt(half.p99Ms()) + " ms", "<= " + fmt(p99Target) + " ms", half.p99Ms() <= p99Target);
            }
            md.append('\n');
        }
        md.append("## State and memory\n\n| figure | measured | target | verdict |\n| --- | --- | --- | --- |\n");
        row(md, "sequence state per user, N = 50 (mean over " + state.users() + " real users with full sequences; max "
                + state.max() + ")", fmt(state.mean()) + " bytes", "<= 2 KB", state.mean() <= STATE_TARGET_BYTES);
        for (Map.Entry<String, Long> e : result.rssKb().entrySet()) {
            row(md, "RSS " + e.getKey(), fmt(e.getValue() / 1024.0) + " MB", "", null);
        }
        long totalRss = result.rssKb().get("kafka broker") + result.rssKb().get("schema registry")
                + result.rssKb().entrySet().stream().filter(e -> e.getKey().startsWith("job")).mapToLong(Map.Entry::getValue).max().orElse(0);
        row(md, "broker + registry + job JVM (the job JVM also runs the load generator)", fmt(totalRss / 1024.0) + " MB", "<= 3 GB",
                totalRss <= STACK_RSS_TARGET_KB);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("date", Instant.now().toString());
        json.put("quick", quick);
        JSON.writeValue(dir.resolve("e2e.json").toFile(), modes);
        JSON.writeValue(dir.resolve("e2e-run.json").toFile(), Map.of("run", json, "rss_kb", result.rssKb(), "state", state,
                "source", source));
        Files.writeString(dir.resolve("e2e.md"), md.toString());
        plots(dir, result);
    }

    private static void plots(Path dir, E2eBenchmark.Result result) throws IOException {
        List<Charts.Series> throughput = new ArrayList<>();
        List<Charts.Series> cdf = new ArrayList<>();
        for (JobRun run : result.runs()) {
            double[] offered = run.steps().stream().mapToDouble(StepResult::offeredEps).toArray();
            double[] answered = run.steps().stream().mapToDouble(s -> s.sent() == 0 ? 0 : s.offeredEps() * s.received() / s.sent()).toArray();
            throughput.add(new Charts.Series(run.job() + ", " + run.mode(), offered, answered));
            if (run.atHalf() != null && run.job().equals("pipeline") && run.atHalf().latenciesMs().length > 0) {
                long[] l = run.atHalf().latenciesMs();
                double[] x = new double[l.length];
                double[] y = new double[l.length];
                for (int i = 0; i < l.length; i++) {
                    x[i] = Math.max(1, l[i]);
                    y[i] = (i + 1.0) / l.length;
                }
                cdf.add(new Charts.Series(run.mode() + " at " + fmt(run.atHalf().offeredEps()) + "/s", x, y));
            }
        }
        Charts.lines(dir.resolve("e2e-throughput.png"), "Answered rate vs offered rate", "offered events/s (log)", "answered events/s",
                throughput, true);
        if (!cdf.isEmpty()) {
            Charts.lines(dir.resolve("e2e-latency-cdf.png"), "Event-to-recommendation latency at half the max rate (pipeline)",
                    "latency ms (log)", "share of events", cdf, true);
        }
    }

    private static List<Map<String, Object>> steps(JobRun run) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StepResult s : run.steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("offered_eps", s.offeredEps());
            m.put("sent", s.sent());
            m.put("answered", s.received());
            m.put("p50_ms", s.p50Ms());
            m.put("p99_ms", s.p99Ms());
            m.put("sustained", s.sustainable());
            m.put("job_cpu_ms_per_1000_events", s.cpuMsPer1000());
            steps.add(m);
        }
        return steps;
    }

    private static JobRun find(List<JobRun> runs, String job, String mode) {
        return runs.stream().filter(r -> r.job().equals(job) && r.mode().equals(mode)).findFirst().orElse(null);
    }

    /** The ratio, marked as an upper bound when the passthrough's limit was not reached. */
    static String ratioCell(double ratio, boolean passthroughLimitReached) {
        if (Double.isNaN(ratio)) {
            return "n/a (the passthrough sustained no step: offer it lower --rates)";
        }
        String value = String.format(Locale.ROOT, "%.2f", ratio);
        return passthroughLimitReached ? value : "<= " + value + " (offer the passthrough higher --rates to find its limit)";
    }

    /**
     * Whether the ratio meets its target; null (unknown) when only an upper bound is known and it is not below the
     * target, or when there is no ratio (the passthrough sustained no step).
     */
    static Boolean ratioMeets(double ratio, boolean passthroughLimitReached) {
        if (Double.isNaN(ratio)) {
            return null;
        }
        if (ratio < RATIO_TARGET) {
            return false;
        }
        return passthroughLimitReached ? Boolean.TRUE : null;
    }

    private static void row(StringBuilder md, String figure, String measured, String target, Boolean meets) {
        md.append("| ").append(figure).append(" | ").append(measured).append(" | ").append(target).append(" | ")
                .append(meets == null ? "" : meets ? "meets" : "falls short").append(" |\n");
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }
}
