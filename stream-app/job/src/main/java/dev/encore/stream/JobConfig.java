package dev.encore.stream;

import dev.encore.model.live.LiveSettings;
import dev.encore.stream.experiment.ExperimentArms;
import dev.encore.schemas.KafkaClientProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the job can be told, read from one properties file ({@code encore-job.properties} on the class
 * path holds every key with its default), then the user's file, then single overrides. A bad value fails with
 * a {@link ConfigException} whose message names the key and the fix.
 */
public record JobConfig(
        String bootstrapServers, String groupId, String kafkaClientProperties, String registryUrl, boolean bounded,
        String prometheusPort,
        int parallelism, Duration checkpointInterval, Duration changelogMaterialization, String checkpointDir, String stateDir,
        String restoreFrom,
        Delivery delivery, String transactionalIdPrefix,
        int sequenceLength, Duration sessionGap, Duration stateTtl, Duration outOfOrderness, Duration idleness,
        Duration trendingWindow, Duration trendingSlide, int trendingSize, int maxNeighbours, int artistMaxTracks,
        int candidatesPerSource, int modelTopK, Duration coalesceWindow,
        ScoringMode scoringMode, String modelsDir, String modelServerUrl, Duration scoringTimeout,
        int scoringMaxInFlight, int scoringBatchSize, Duration scoringBatchWait, boolean skipSuperseded, Duration modelCheckInterval,
        int topK, int artistCap, float diversity, int exploreRank, int explorePriorStrength, int exploreMemory,
        ExperimentArms arms)
        implements Serializable {

    public static final String DEFAULTS_RESOURCE = "/encore-job.properties";

    public enum Delivery { EXACTLY_ONCE, AT_LEAST_ONCE }

    public enum ScoringMode { EMBEDDED, REMOTE, OFF }

    /** A configuration value that cannot be used; the message is one line naming the key and the fix. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    /** Whether checkpoints go through Flink's changelog (decision 0033); a zero materialization interval turns it off. */
    public boolean changelog() {
        return !changelogMaterialization.isZero();
    }

    /** Settings every Kafka client of the job adds (security and the like), from {@code kafka.client-properties}. */
    public Map<String, Object> kafkaClient() {
        return KafkaClientProperties.load(kafkaClientProperties);
    }

    /** What shapes the lists, as the offline evaluation of the same recommender takes it. */
    public LiveSettings liveSettings() {
        return new LiveSettings(sequenceLength, sessionGap, maxNeighbours, artistMaxTracks, candidatesPerSource, modelTopK,
                trendingWindow, trendingSlide, trendingSize, outOfOrderness, topK, artistCap, diversity);
    }

    /** The defaults, then {@code file} (may be null), then {@code overrides}. */
    public static JobConfig load(Path file, Map<String, String> overrides) {
        Properties properties = defaults();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file " + file + " does not exist: pass an existing file to --config");
            }
            try (Reader reader = Files.newBufferedReader(file)) {
                Properties user = new Properties();
                user.load(reader);
                user.forEach((k, v) -> put(properties, (String) k, (String) v, "in " + file));
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
            }
        }
        overrides.forEach((k, v) -> put(properties, k, v, "in --set"));
        return from(properties);
    }

    public static JobConfig defaultsOnly() {
        return from(defaults());
    }

    private static Properties defaults() {
        Properties properties = new Properties();
        try (InputStream in = JobConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the job's defaults " + DEFAULTS_RESOURCE + " are missing from the class path", e);
        }
        return properties;
    }

    private static void put(Properties properties, String key, String value, String where) {
        if (!properties.containsKey(key)) {
            throw new ConfigException("unknown config key '" + key + "' " + where
                    + ": see encore-job.properties for the keys the job knows");
        }
        properties.setProperty(key, value.strip());
    }

    private static JobConfig from(Properties p) {
        Values v = new Values(p);
        JobConfig config = new JobConfig(
                v.text("kafka.bootstrap-servers"), v.text("kafka.group-id"), v.optional("kafka.client-properties"),
                v.text("registry.url"), v.bool("source.bounded"),
                v.portRange("metrics.prometheus-port"),
                v.positive("job.parallelism"), v.duration("checkpoint.interval"), v.duration("checkpoint.changelog-materialization"),
                v.optional("checkpoint.dir"),
                v.text("state.dir"), v.optional("restore.from"),
                v.choice("sink.delivery", Delivery.class), v.text("sink.transactional-id-prefix"),
                v.positive("sequence.length"), v.duration("session.gap"), v.duration("state.ttl"),
                v.duration("watermark.out-of-orderness"), v.duration("watermark.idleness"),
                v.duration("trending.window"), v.duration("trending.slide"), v.positive("trending.size"),
                v.positive("colisten.max-neighbours"), v.positive("artist.max-tracks"), v.positive("candidates.per-source"),
                v.atLeastZero("candidates.model-top-k"), v.duration("coalesce.window"),
                v.choice("scoring.mode", ScoringMode.class), v.text("scoring.models-dir"), v.text("scoring.server-url"),
                v.duration("scoring.timeout"), v.positive("scoring.max-in-flight"), v.positive("scoring.batch-size"),
                v.duration("scoring.batch-wait"), v.bool("scoring.skip-superseded"), v.duration("scoring.model-check-interval"), v.positive("rank.top-k"), v.positive("rank.artist-cap"),
                v.fraction("rank.diversity"), v.atLeastZero("explore.rank"), v.positive("explore.prior-strength"),
                v.positive("explore.memory"),
                v.arms("experiment.arms"));
        try {
            config.kafkaClient();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("kafka.client-properties: " + e.getMessage());
        }
        if (config.restoreFrom.equals(LatestCheckpoint.LATEST) && !config.checkpointDir.isEmpty()
                && !config.checkpointDir.startsWith("file:")) {
            throw new ConfigException("restore.from=latest finds checkpoints in a local checkpoint.dir only, not in "
                    + config.checkpointDir + ": name the checkpoint to restore from instead");
        }
        if (config.exploreRank > config.topK) {
            throw new ConfigException("explore.rank must be within the list (1 to rank.top-k=" + config.topK + "), or 0 for no "
                    + "exploration slot, was " + config.exploreRank);
        }
        if (config.arms.hasExploreArm() && config.exploreRank == 0) {
            throw new ConfigException("experiment.arms has an '" + ExperimentArms.EXPLORE + "' arm but explore.rank is 0: set "
                    + "explore.rank to the slot it fills (e.g. 10)");
        }
        if (config.checkpointInterval.isZero()) {
            throw new ConfigException("checkpoint.interval must be positive (e.g. 1s): the sink commits on checkpoints");
        }
        if (config.trendingWindow.toMillis() % config.trendingSlide.toMillis() != 0 || config.trendingSlide.isZero()) {
            throw new ConfigException("trending.window must be a multiple of trending.slide (e.g. 1h and 5m), was "
                    + config.trendingWindow + " and " + config.trendingSlide);
        }
        return config;
    }

    /** Typed reads of the merged properties, each failing with the key's name. */
    private record Values(Properties p) {
        private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

        String text(String key) {
            String value = p.getProperty(key, "");
            if (value.isBlank()) {
                throw new ConfigException(key + " must not be empty: set it in your config file or with --set " + key + "=...");
            }
            return value;
        }

        String optional(String key) {
            return p.getProperty(key, "").strip();
        }

        /** Empty, a port, or a range such as 9249-9259. */
        String portRange(String key) {
            String value = optional(key);
            if (!value.isEmpty() && !value.matches("\\d{1,5}(-\\d{1,5})?")) {
                throw new ConfigException(key + " must be a port such as 9249, a range such as 9249-9259, or empty for none, was '"
                        + value + "'");
            }
            return value;
        }

        /** A number from 0 to 1. */
        float fraction(String key) {
            String value = text(key);
            try {
                float f = Float.parseFloat(value);
                if (f >= 0 && f <= 1) {
                    return f;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(key + " must be a number from 0 to 1 (e.g. 0.1), was '" + value + "'");
        }

        ExperimentArms arms(String key) {
            try {
                return ExperimentArms.parse(optional(key));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + ": " + e.getMessage());
            }
        }

        boolean bool(String key) {
            String value = text(key).toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw new ConfigException(key + " must be true or false, was '" + value + "'");
            }
            return Boolean.parseBoolean(value);
        }

        int positive(String key) {
            String value = text(key);
            try {
                int n = Integer.parseInt(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(key + " must be a whole number above 0, was '" + value + "'");
        }

        int atLeastZero(String key) {
            String value = text(key);
            try {
                int n = Integer.parseInt(value);
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(key + " must be a whole number, 0 or more, was '" + value + "'");
        }

        Duration duration(String key) {
            String value = text(key);
            Matcher m = DURATION.matcher(value);
            if (!m.matches()) {
                throw new ConfigException(key + " must be a duration such as 500ms, 5s, 30m, 12h or 30d, was '" + value + "'");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }

        <E extends Enum<E>> E choice(String key, Class<E> type) {
            String value = text(key);
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                StringBuilder names = new StringBuilder();
                for (E constant : type.getEnumConstants()) {
                    names.append(names.isEmpty() ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                }
                throw new ConfigException(key + " must be one of " + names + ", was '" + value + "'");
            }
        }
    }
}
