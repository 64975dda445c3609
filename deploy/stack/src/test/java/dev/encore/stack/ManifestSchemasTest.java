package dev.encore.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment files against what the operators' clusters enforce, offline: Strimzi resources through the Strimzi
 * API model and core objects through the fabric8 model, both strict (an unknown field fails); the FlinkDeployment
 * against the CRD's OpenAPI schema that the Flink Kubernetes Operator ships; the compose file against the compose
 * specification's JSON schema. Each check is also shown to catch a typo.
 */
class ManifestSchemasTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path HOME = StackPaths.home();
    /** The CRD of the newest operator release served here (flink-kubernetes-operator-api 1.10.0). */
    private static final String FLINK_CRD = "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";
    private static final Map<String, Class<?>> MODELS = Map.of("Kafka", Kafka.class, "KafkaNodePool", KafkaNodePool.class,
            "KafkaTopic", KafkaTopic.class, "Deployment", Deployment.class, "StatefulSet", StatefulSet.class, "Service", Service.class,
            "PersistentVolumeClaim", PersistentVolumeClaim.class);

    private static List<JsonNode> manifests() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(HOME.resolve("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var parser = YAML.getFactory().createParser(file.toFile())) {
                    for (Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                        JsonNode doc = it.next();
                        if (doc != null && !doc.isNull()) {
                            docs.add(doc);
                        }
                    }
                }
            }
        }
        return docs;
    }

    private static JsonNode first(String kind) throws IOException {
        return manifests().stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    /** The unknown fields of {@code doc} under its typed model. */
    private static List<String> unknownFields(JsonNode doc) throws IOException {
        Class<?> model = MODELS.get(doc.path("kind").asText());
        return StrictModel.unknownFields(YAML.treeToValue(doc, model));
    }

    @Test
    void strimziAndCoreObjectsParseStrictlyWithTheirModels() throws IOException {
        int checked = 0;
        for (JsonNode doc : manifests()) {
            String kind = doc.path("kind").asText();
            if (MODELS.containsKey(kind)) {
                checked++;
                assertEquals(List.of(), unknownFields(doc), kind + " " + doc.at("/metadata/name").asText() + " has fields its model does not know");
            }
        }
        // 1 Kafka, 1 KafkaNodePool, 5 KafkaTopics, 3 Deployments, 1 StatefulSet, 4 Services, 1 PersistentVolumeClaim.
        assertEquals(16, checked);
    }

    @Test
    void aTypoInAStrimziOrCoreObjectIsCaught() throws IOException {
        ObjectNode topic = (ObjectNode) first("KafkaTopic").deepCopy();
        ((ObjectNode) topic.get("spec")).set("partiton", topic.at("/spec/partitions"));
        assertEquals(List.of(".spec.partiton"), unknownFields(topic));
        ObjectNode deployment = (ObjectNode) first("Deployment").deepCopy();
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("imagePullPolicyy", "Always");
        assertEquals(List.of(".spec.template.spec.containers[0].imagePullPolicyy"), unknownFields(deployment));
    }

    @Test
    void theFlinkDeploymentKeepsToTheOperatorsCrdSaveForFlink22() throws Exception {
        List<String> errors = flinkErrors(first("FlinkDeployment"));
        // Operator 1.10.0's CRD knows Flink up to v1_20; the job is Flink 2.2 and needs a newer operator (see the README).
        assertEquals(1, errors.size(), "errors: " + errors);
        assertTrue(errors.get(0).startsWith("/spec/flinkVersion: does not have a value in the enumeration"), errors.get(0));
    }

    @Test
    void aTypoInTheFlinkDeploymentIsCaught() throws Exception {
        ObjectNode flink = (ObjectNode) first("FlinkDeployment").deepCopy();
        ObjectNode spec = (ObjectNode) flink.get("spec");
        spec.set("jobManagr", spec.remove("jobManager"));
        ((ObjectNode) spec.get("job")).put("upgradeMode", "sometimes");
        List<String> errors = flinkErrors(flink);
        assertTrue(errors.stream().anyMatch(e -> e.contains("jobManagr")), "unknown field named: " + errors);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("/spec/job/upgradeMode")), "bad enum named: " + errors);
    }

    @Test
    void theComposeFileKeepsToTheComposeSpecification() throws Exception {
        assertEquals(List.of(), composeErrors(YAML.readTree(HOME.resolve("deploy/docker/compose.yaml").toFile())));
    }

    @Test
    void aTypoInTheComposeFileIsCaught() throws Exception {
        ObjectNode compose = (ObjectNode) YAML.readTree(HOME.resolve("deploy/docker/compose.yaml").toFile());
        ((ObjectNode) compose.at("/services/kafka")).put("imag", "apache/kafka:4.1.0");
        List<String> errors = composeErrors(compose);
        assertTrue(errors.stream().anyMatch(e -> e.contains("imag")), "errors: " + errors);
    }

    private static List<String> composeErrors(JsonNode compose) throws Exception {
        try (InputStream in = ManifestSchemasTest.class.getResourceAsStream("/schemas/compose-spec.schema.json")) {
            ObjectNode schema = (ObjectNode) new ObjectMapper().readTree(in);
            withoutDraft4Ids(schema);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09)
                    .getSchema(new ObjectMapper().writeValueAsString(schema), InputFormat.JSON)
                    .validate(new ObjectMapper().writeValueAsString(compose), InputFormat.JSON).stream().map(Object::toString).toList();
        }
    }

    /**
     * The compose schema carries draft-04 {@code "id"}s (plain JSON pointers to where they stand) under a 2019-09
     * {@code $schema}; the validator refuses the keyword, and nothing refers to them, so they go.
     */
    private static void withoutDraft4Ids(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("id").isTextual()) {
                object.remove("id");
            }
            object.fields().forEachRemaining(field -> withoutDraft4Ids(field.getValue()));
        } else if (node.isArray()) {
            node.forEach(ManifestSchemasTest::withoutDraft4Ids);
        }
    }

    /** {@code flink} against the CRD's schema, made strict as {@code kubectl apply --validate=strict} is. */
    private static List<String> flinkErrors(JsonNode flink) throws Exception {
        JsonNode crd;
        try (InputStream in = ManifestSchemasTest.class.getResourceAsStream(FLINK_CRD)) {
            crd = YAML.readTree(in);
        }
        JsonNode version = null;
        for (JsonNode v : crd.at("/spec/versions")) {
            if (flink.path("apiVersion").asText().endsWith("/" + v.path("name").asText())) {
                version = v;
            }
        }
        assertTrue(version != null, "the CRD serves " + flink.path("apiVersion"));
        ObjectNode schema = (ObjectNode) strict(version.at("/schema/openAPIV3Schema").deepCopy());
        // What the API server adds to every custom resource's schema; metadata is checked by the server itself.
        ObjectNode root = (ObjectNode) schema.get("properties");
        root.putObject("apiVersion").put("type", "string");
        root.putObject("kind").put("type", "string");
        root.putObject("metadata").put("type", "object");
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(new ObjectMapper().writeValueAsString(schema), InputFormat.JSON)
                .validate(new ObjectMapper().writeValueAsString(flink), InputFormat.JSON).stream().map(Object::toString).toList();
    }

    /**
     * Objects with declared properties refuse others, except where Kubernetes keeps unknown fields
     * ({@code x-kubernetes-preserve-unknown-fields}); Kubernetes' own extension keywords are dropped after use.
     */
    private static JsonNode strict(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            boolean preserve = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (name.startsWith("x-kubernetes-")) {
                    object.remove(name);
                } else if (!name.equals("properties") && !name.equals("enum")) {
                    object.set(name, strict(object.get(name)));
                }
            }
            if (object.has("properties")) {
                ObjectNode properties = (ObjectNode) object.get("properties");
                properties.fieldNames().forEachRemaining(names::add);
                List<String> keys = new ArrayList<>();
                properties.fieldNames().forEachRemaining(keys::add);
                keys.forEach(key -> properties.set(key, strict(properties.get(key))));
                if (!preserve && !object.has("additionalProperties")) {
                    object.put("additionalProperties", false);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, strict(node.get(i)));
            }
        }
        return node;
    }
}
