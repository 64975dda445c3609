package dev.encore.stack;

import dev.encore.schemas.KafkaClientProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How to reach a running local stack. The stack writes it to {@code stack.properties} in its work directory
 * so that {@code replay} and other tools find the broker and registry without flags.
 *
 * @param kafkaProperties a Kafka client properties file every client of the stack adds (a secured stack's SASL and
 *                        TLS settings); empty for none
 */
record StackEndpoints(String bootstrapServers, String registryUrl, String kafkaProperties) {
    static final String FILE = "stack.properties";

    StackEndpoints(String bootstrapServers, String registryUrl) {
        this(bootstrapServers, registryUrl, "");
    }

    /** {@code settings} for a Kafka client of this stack: its bootstrap servers and security added. */
    Map<String, Object> kafkaClient(Map<String, Object> settings) {
        Map<String, Object> base = new java.util.HashMap<>(settings);
        base.put("bootstrap.servers", bootstrapServers);
        return KafkaClientProperties.merged(base, KafkaClientProperties.load(kafkaProperties));
    }

    void writeTo(Path workDir) throws IOException {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", bootstrapServers);
        props.setProperty("registry.url", registryUrl);
        props.setProperty("kafka.properties", kafkaProperties);
        try (OutputStream out = Files.newOutputStream(workDir.resolve(FILE))) {
            props.store(out, "Endpoints of the running Encore local stack");
        }
    }

    static Optional<StackEndpoints> readFrom(Path workDir) {
        Path file = workDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new StackEndpoints(props.getProperty("bootstrap.servers"), props.getProperty("registry.url"),
                props.getProperty("kafka.properties", "")));
    }

    static void deleteFrom(Path workDir) throws IOException {
        Files.deleteIfExists(workDir.resolve(FILE));
    }
}
