package dev.encore.schemas;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka client settings every program of the system takes from one standard properties file: security
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}) and anything else a cluster needs. The job, the view, the
 * replay, the producer SDK and provisioning merge it into their own clients, so a secured cluster is reached by
 * configuration alone.
 *
 * <pre>
 * security.protocol=SASL_SSL
 * sasl.mechanism=SCRAM-SHA-512
 * sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="encore" password="...";
 * ssl.truststore.location=/path/to/truststore.p12
 * ssl.truststore.type=PKCS12
 * ssl.truststore.password=...
 * </pre>
 */
public final class KafkaClientProperties {
    private KafkaClientProperties() {
    }

    /** The settings in {@code file}; none when {@code file} is null or empty. */
    public static Map<String, Object> load(String file) {
        return file == null || file.isBlank() ? Map.of() : load(Path.of(file));
    }

    public static Map<String, Object> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Kafka client properties file " + file + " does not exist: pass an existing file");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read Kafka client properties file " + file + ": " + e.getMessage(), e);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(key -> settings.put(key, properties.getProperty(key).strip()));
        return settings;
    }

    /** {@code base} with the file's settings on top (they win: security must not be overridden by a default). */
    public static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> settings) {
        Map<String, Object> all = new LinkedHashMap<>(base);
        all.putAll(settings);
        return all;
    }
}
