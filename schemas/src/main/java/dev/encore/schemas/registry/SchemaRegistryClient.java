package dev.encore.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client for the Confluent Schema Registry REST API (Avro schemas), so that the same code talks to
 * Confluent Schema Registry, Apicurio Registry's ccompat API or Karapace. Ids and schemas are cached: a
 * schema id never changes meaning, so after the first call per schema the hot path makes no request.
 * Thread-safe.
 */
public final class SchemaRegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final Optional<String> authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    /**
     * @param baseUrl e.g. {@code http://127.0.0.1:8081} for Confluent, {@code .../apis/ccompat/v7} for Apicurio;
     *                {@code https://user:password@host/...} sends those credentials with basic auth (as Confluent's
     *                clients do with {@code basic.auth.credentials.source=URL}), so that every program that takes a
     *                registry URL reaches a registry behind basic auth
     */
    public SchemaRegistryClient(String baseUrl) {
        this(withoutUserInfo(baseUrl), Duration.ofSeconds(10), userInfo(baseUrl));
    }

    /** @param basicAuthUserInfo {@code user:password} for registries behind basic auth (Confluent Cloud) */
    public SchemaRegistryClient(String baseUrl, Duration timeout, Optional<String> basicAuthUserInfo) {
        this.baseUrl = validBaseUrl(baseUrl);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.authorization = basicAuthUserInfo.map(userInfo ->
                "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    /** Registers {@code schema} under {@code subject} (idempotent: an existing identical schema keeps its id). */
    public int register(String subject, Schema schema) {
        return cachedId(subject, schema, "/subjects/" + encode(subject) + "/versions");
    }

    /** The id under which {@code schema} is registered in {@code subject}, without registering it. */
    public int idOf(String subject, Schema schema) {
        return cachedId(subject, schema, "/subjects/" + encode(subject));
    }

    /** Both calls answer the same id for the same (subject, schema), so they share one cache. */
    private int cachedId(String subject, Schema schema, String path) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        int id = send("POST", path, schemaBody(schema), subject).path("id").asInt();
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** The schema with this global id. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null, null);
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new InvalidSchemaException("schema id " + id + " is " + type + "; only AVRO is supported", 200, 0);
        }
        Schema schema = parse(answer.path("schema").asText(), "schema id " + id);
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    /** Whether {@code schema} may be registered as the next version of {@code subject} under its rule. */
    public boolean isCompatible(String subject, Schema schema) {
        JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                schemaBody(schema), subject);
        return answer.path("is_compatible").asBoolean(false);
    }

    /** The versions registered under {@code subject}, oldest first. */
    public List<Integer> versions(String subject) {
        JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions", null, subject);
        List<Integer> versions = new ArrayList<>();
        answer.forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    /** The registry-wide default compatibility rule. */
    public CompatibilityLevel globalCompatibility() {
        return level(send("GET", "/config", null, null));
    }

    /** The rule that applies to {@code subject}: its own, else the global one. */
    public CompatibilityLevel compatibility(String subject) {
        try {
            return level(send("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null, subject));
        } catch (SubjectNotFoundException e) {
            return globalCompatibility();
        }
    }

    public void setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
        send("PUT", "/config/" + encode(subject), body.toString(), subject);
    }

    public void setGlobalCompatibility(CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
        send("PUT", "/config", body.toString(), null);
    }

    private JsonNode send(String method, String path, String body, String subject) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RegistryUnavailableException("schema registry at " + baseUrl + " is unreachable ("
                    + method + " " + path + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while calling the schema registry", e);
        }
        JsonNode json = readJson(response.body());
        if (response.statusCode() / 100 == 2) {
            return json;
        }
        throw error(response.statusCode(), json, subject, body, method + " " + path);
    }

    private SchemaRegistryException error(int status, JsonNode json, String subject, String body, String call) {
        int code = json.path("error_code").asInt(status);
        String message = json.path("message").asText("HTTP " + status);
        if (code == 40401) {
            return new SubjectNotFoundException("subject '" + subject + "' is not registered: " + message, status, code);
        }
        if (code == 40402 || code == 40403 || (status == 404 && code == 404)) {
            return new SchemaNotFoundException(message, status, code);
        }
        if (code == 409 || status == 409) {
            CompatibilityLevel rule = subject == null ? null : compatibilityOrNull(subject);
            return new IncompatibleSchemaException(subject, rule, message, status, code);
        }
        if (code == 42201 || code == 422) {
            return new InvalidSchemaException("registry rejected the schema: " + message, status, code);
        }
        if (status >= 500) {
            return new RegistryUnavailableException("schema registry failed on " + call + ": " + message, status, code);
        }
        return new SchemaRegistryException("schema registry refused " + call + " (" + code + "): " + message, status, code);
    }

    private CompatibilityLevel compatibilityOrNull(String subject) {
        try {
            return compatibility(subject);
        } catch (SchemaRegistryException e) {
            return null;
        }
    }

    private static CompatibilityLevel level(JsonNode json) {
        String value = json.has("compatibilityLevel") ? json.get("compatibilityLevel").asText()
                : json.path("compatibility").asText();
        try {
            return CompatibilityLevel.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new SchemaRegistryException("registry sent an unknown compatibility level: " + json, 200, 0);
        }
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new InvalidSchemaException(what + " is not a valid Avro schema: " + e.getMessage(), 200, 0);
        }
    }

    private static JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("message", body.length() > 200 ? body.substring(0, 200) : body);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Optional<String> userInfo(String url) {
        try {
            return Optional.ofNullable(url == null ? null : URI.create(url.strip()).getRawUserInfo())
                    .map(info -> java.net.URLDecoder.decode(info, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // validBaseUrl says what is wrong
        }
    }

    private static String withoutUserInfo(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getRawUserInfo() == null) {
                return url;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null).toString();
        } catch (IllegalArgumentException | NullPointerException | java.net.URISyntaxException e) {
            return url;
        }
    }

    private static String validBaseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("schema registry URL is empty: set it, e.g. http://127.0.0.1:8081");
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schema registry URL '" + url + "' is not a URL: use e.g. http://127.0.0.1:8081");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("schema registry URL '" + url + "' must be http(s)://host[:port][/path]");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
