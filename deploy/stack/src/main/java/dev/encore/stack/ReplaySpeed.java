package dev.encore.stack;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How fast to replay: {@code max} (no waiting) or N times real time. */
record ReplaySpeed(double factor) {
    static final ReplaySpeed MAX = new ReplaySpeed(Double.POSITIVE_INFINITY);

    boolean unlimited() {
        return Double.isInfinite(factor);
    }

    /** Wall-clock time after the start at which an event {@code eventOffset} after the first one is due. */
    Duration wallOffset(Duration eventOffset) {
        return unlimited() ? Duration.ZERO : Duration.ofNanos((long) (eventOffset.toNanos() / factor));
    }

    @Override
    public String toString() {
        return unlimited() ? "max" : factor + "x";
    }

    static final class Converter implements ITypeConverter<ReplaySpeed> {
        @Override
        public ReplaySpeed convert(String value) {
            String text = value.strip().toLowerCase();
            if (text.equals("max")) {
                return MAX;
            }
            try {
                double factor = Double.parseDouble(text.endsWith("x") ? text.substring(0, text.length() - 1) : text);
                if (factor > 0 && Double.isFinite(factor)) {
                    return new ReplaySpeed(factor);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a speed: use 'max' or a factor of real time such as 60 or 60x");
        }
    }
}
