package dev.encore.schemas.serde;

import dev.encore.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Configuration keys of the Kafka serde, set in the producer or consumer properties. */
public final class SerdeConfig {
    private SerdeConfig() {
    }

    /** Base URL of the Confluent-compatible registry API. Required. */
    public static final String REGISTRY_URL = "encore.registry.url";
    /** {@code user:password} for a registry behind basic auth. Optional. */
    public static final String REGISTRY_BASIC_AUTH = "encore.registry.basic.auth.user.info";
    /** Register the writer schema on first use. Default false: production registers schemas in its release step. */
    public static final String AUTO_REGISTER = "encore.registry.auto.register";
    /** Fully qualified name of the generated Avro class to read into (deserializer only). */
    public static final String VALUE_TYPE = "encore.avro.value.type";

    static SchemaRegistryClient client(Map<String, ?> configs) {
        Object url = configs.get(REGISTRY_URL);
        if (url == null) {
            throw new IllegalArgumentException("missing " + REGISTRY_URL + ": set it to the schema registry URL");
        }
        Object auth = configs.get(REGISTRY_BASIC_AUTH);
        return new SchemaRegistryClient(url.toString(), Duration.ofSeconds(10),
                Optional.ofNullable(auth).map(Object::toString));
    }

    static boolean autoRegister(Map<String, ?> configs) {
        Object value = configs.get(AUTO_REGISTER);
        return value != null && Boolean.parseBoolean(value.toString());
    }
}
