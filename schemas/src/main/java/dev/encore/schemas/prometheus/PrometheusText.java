package dev.encore.schemas.prometheus;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes samples in the Prometheus text exposition format (version 0.0.4), which every Encore service serves
 * at {@code /metrics}. Label values are escaped as the format requires.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4";

    private PrometheusText() {
    }

    /** The HELP and TYPE lines of a metric family. */
    public static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** One sample line. */
    public static void sample(StringBuilder out, String name, Map<String, String> labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append(labels.entrySet().stream()
                    .map(e -> e.getKey() + "=\"" + escape(e.getValue()) + "\"")
                    .collect(Collectors.joining(",", "{", "}")));
        }
        out.append(' ').append(Histogram.format(value)).append('\n');
    }

    /** A metric family with a single unlabelled sample. */
    public static void single(StringBuilder out, String name, String type, String help, double value) {
        family(out, name, type, help);
        sample(out, name, Map.of(), value);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
