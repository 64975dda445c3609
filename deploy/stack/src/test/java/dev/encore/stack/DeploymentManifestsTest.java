package dev.encore.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.encore.schemas.TopicSpec;
import dev.encore.schemas.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests and the compose file cannot run here (no cluster, no container engine); this checks
 * what can be checked offline: they parse, and their topics, ports, job settings and class names match the code.
 */
class DeploymentManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path HOME = StackPaths.home();

    private static List<JsonNode> documents(String file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(HOME.resolve(file).toFile())) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static List<JsonNode> allManifests() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(HOME.resolve("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                all.addAll(documents(HOME.relativize(file).toString()));
            }
        }
        return all;
    }

    private static JsonNode named(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @Test
    void everyManifestParsesAndNamesItsKind() throws IOException {
        List<JsonNode> docs = allManifests();
        assertTrue(docs.size() >= 12, "documents: " + docs.size());
        for (JsonNode doc : docs) {
            assertFalse(doc.path("apiVersion").asText().isEmpty(), doc.toString());
            assertFalse(doc.path("kind").asText().isEmpty(), doc.toString());
            assertFalse(doc.path("metadata").path("name").asText().isEmpty(), doc.toString());
        }
    }

    @Test
    void kafkaTopicsMatchTheContract() throws IOException {
        List<JsonNode> docs = allManifests();
        for (TopicSpec spec : Topics.ALL) {
            JsonNode topic = named(docs, "KafkaTopic", spec.name());
            assertEquals(spec.partitions(), topic.path("spec").path("partitions").asInt(), spec.name());
            spec.configs().forEach((key, value) ->
                    assertEquals(value, topic.path("spec").path("config").path(key).asText(), spec.name() + " " + key));
        }
        long declared = docs.stream().filter(d -> d.path("kind").asText().equals("KafkaTopic")).count();
        assertEquals(Topics.ALL.size(), declared);
    }

    @Test
    void servicesUseThePortsTheAppsListenOn() throws IOException {
        List<JsonNode> docs = allManifests();
        assertEquals(StackServices.Ports.DEFAULT.model(), named(docs, "Service", "model-server").at("/spec/ports/0/port").asInt());
        assertEquals(StackServices.Ports.DEFAULT.view(), named(docs, "Service", "recommendations-view").at("/spec/ports/0/port").asInt());
        JsonNode monitor = named(docs, "ServiceMonitor", "encore").at("/spec/selector/matchLabels");
        for (String service : List.of("model-server", "recommendations-view")) {
            JsonNode labels = named(docs, "Service", service).at("/metadata/labels");
            monitor.fields().forEachRemaining(label -> assertEquals(label.getValue().asText(), labels.path(label.getKey()).asText(),
                    service + " is scraped by the ServiceMonitor"));
        }
    }

    @Test
    void theFlinkDeploymentRunsTheJobWithRocksDbSavepointsAndKnownSettings() throws IOException {
        JsonNode flink = named(allManifests(), "FlinkDeployment", "encore-recommendations").path("spec");
        assertEquals("rocksdb", flink.at("/flinkConfiguration/state.backend.type").asText());
        assertEquals("true", flink.at("/flinkConfiguration/state.changelog.enabled").asText());
        assertEquals("CLAIM", flink.at("/flinkConfiguration/execution.state-recovery.claim-mode").asText(),
                "a restore with the changelog must claim its snapshot");
        assertEquals(Integer.toString(StackServices.Ports.DEFAULT.jobMetrics()), flink.at("/flinkConfiguration/metrics.reporter.prom.port").asText());
        assertEquals("savepoint", flink.at("/job/upgradeMode").asText());
        assertEquals("dev.encore.stream.StreamJobMain", flink.at("/job/entryClass").asText());
        assertTrue(Files.isRegularFile(HOME.resolve("stream-app/job/src/main/java/dev/encore/stream/StreamJobMain.java")));
        assertKnownJobSettings(flink.at("/job/args"));
    }

    @Test
    void theComposeFileBuildsExistingModulesAndPassesKnownJobSettings() throws IOException {
        JsonNode compose = documents("deploy/docker/compose.yaml").get(0);
        compose.path("services").fields().forEachRemaining(service -> {
            JsonNode args = service.getValue().at("/build/args");
            if (!args.isMissingNode()) {
                String module = args.path("MODULE").asText();
                String main = args.path("MAIN").asText();
                Path source = HOME.resolve(module).resolve("src/main/java").resolve(main.replace('.', '/') + ".java");
                assertTrue(Files.isRegularFile(source), service.getKey() + ": " + source);
            }
        });
        assertKnownJobSettings(compose.at("/services/stream-job/command"));
    }

    @Test
    void aTrainerKeepsTheServedModelLearningInKubernetesAndCompose() throws IOException {
        List<JsonNode> docs = allManifests();
        JsonNode trainer = named(docs, "Deployment", "model-trainer").at("/spec");
        JsonNode server = named(docs, "Deployment", "model-server").at("/spec/template/spec");
        assertEquals(1, trainer.path("replicas").asInt(), "one writer of the models folder");
        assertEquals("Recreate", trainer.at("/strategy/type").asText(), "no second trainer during a rollout");
        JsonNode container = trainer.at("/template/spec/containers/0");
        assertEquals("continual", container.at("/args/0").asText());
        assertKnownTrainerOptions(container.path("args"));
        assertEquals(server.at("/volumes/0/persistentVolumeClaim/claimName").asText(),
                trainer.at("/template/spec/volumes/0/persistentVolumeClaim/claimName").asText(), "the volume the servers read");
        assertFalse(container.at("/volumeMounts/0/readOnly").asBoolean(), "the trainer writes versions");
        assertEquals(optionValue(server.at("/containers/0/args"), "--models-dir"), optionValue(container.path("args"), "--models-dir"));
        JsonNode claim = named(docs, "PersistentVolumeClaim", server.at("/volumes/0/persistentVolumeClaim/claimName").asText());
        assertEquals("ReadWriteMany", claim.at("/spec/accessModes/0").asText(), "replicas on several nodes share it");

        JsonNode compose = documents("deploy/docker/compose.yaml").get(0).path("services");
        JsonNode composed = compose.path("model-trainer");
        assertEquals("continual", composed.at("/command/0").asText());
        assertKnownTrainerOptions(composed.path("command"));
        String served = compose.at("/model-server/volumes/0").asText();
        assertEquals(served.substring(0, served.lastIndexOf(":ro")), composed.at("/volumes/0").asText(),
                "the trainer writes where the model server reads");
    }

    private static String optionValue(JsonNode args, String option) {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).asText().equals(option)) {
                return args.get(i + 1).asText();
            }
        }
        throw new AssertionError("no " + option + " in " + args);
    }

    /** Every {@code --option} of the trainer's arguments is declared by {@code encore-model continual}. */
    private static void assertKnownTrainerOptions(JsonNode args) throws IOException {
        Path cli = HOME.resolve("model-server/src/main/java/dev/encore/model/cli");
        String declared = Files.readString(cli.resolve("ContinualCommand.java")) + Files.readString(cli.resolve("ModelsDirOption.java"));
        for (JsonNode arg : args) {
            if (arg.asText().startsWith("--")) {
                assertTrue(declared.contains("names = \"" + arg.asText() + "\""), "encore-model continual has no option " + arg.asText());
            }
        }
    }

    /** Every {@code --set key=value} names a key of the job's configuration. */
    private static void assertKnownJobSettings(JsonNode args) throws IOException {
        Properties known = new Properties();
        try (Reader reader = Files.newBufferedReader(HOME.resolve("stream-app/job/src/main/resources/encore-job.properties"))) {
            known.load(reader);
        }
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).asText().equals("--set")) {
                String[] kv = args.get(i + 1).asText().split("=", 2);
                settings.put(kv[0], kv[1]);
            }
        }
        assertFalse(settings.isEmpty());
        settings.keySet().forEach(key -> assertTrue(known.containsKey(key), "unknown job setting " + key));
        assertTrue(settings.get("registry.url").endsWith("/apis/ccompat/v7"), settings.get("registry.url"));
    }
}
