package dev.encore.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.schemas.KafkaClientProperties;
import dev.encore.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code encore stack --secure --replay}: the broker takes only SASL_SSL with SCRAM, and every program of the stack
 * (job, view, replay, provisioning, feed) reaches it by the client properties file alone; lists reach the view; the
 * view's REST answers only with its bearer token. A plaintext client and a client with a wrong password are refused.
 */
class SecureStackIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void onlyAuthenticatedClientsGetInAndTheRecommendationsFlowThroughSecurity() throws Exception {
        try (StackProcess stack = new StackProcess(workDir, 400, "--secure")) {
            stack.awaitLine("replay done", Duration.ofMinutes(6));
            Map<String, Object> client = KafkaClientProperties.load(workDir.resolve(LocalStack.KAFKA_CLIENT_PROPERTIES));
            assertEquals("SASL_SSL", client.get("security.protocol"));

            try (Admin admin = Admin.create(settings(stack, client))) {
                assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(Topics.EVENTS.name()),
                        "the stack's own credentials get in");
            }
            try (Admin plaintext = Admin.create(settings(stack, Map.of()))) {
                assertThrows(ExecutionException.class, () -> plaintext.listTopics().names().get(30, TimeUnit.SECONDS),
                        "a plaintext client is refused");
            }
            Map<String, Object> wrongPassword = new HashMap<>(client);
            wrongPassword.put("sasl.jaas.config", client.get("sasl.jaas.config").toString().replaceAll("password=\"[^\"]*\"",
                    "password=\"guess\""));
            try (Admin intruder = Admin.create(settings(stack, wrongPassword))) {
                var refused = assertThrows(ExecutionException.class, () -> intruder.listTopics().names().get(30, TimeUnit.SECONDS));
                assertTrue(refused.getCause() instanceof SaslAuthenticationException, "refused for its password: " + refused);
            }

            String token = Files.readString(workDir.resolve(StackCommand.VIEW_TOKEN)).strip();
            String user = stack.usersOfReplayedEvents().iterator().next();
            JsonNode list = JSON.readTree(stack.awaitRecommendations(user, "Authorization", "Bearer " + token).body());
            assertEquals(user, list.get("userId").asText());
            assertEquals(401, stack.getFromView("/users/" + user + "/recommendations").statusCode(), "no token, no list");
            assertEquals(401, stack.getFromView("/users/" + user + "/recommendations", "Authorization", "Bearer guess").statusCode());
            assertTrue(stack.stop(), "the stack stops on SIGTERM");
        }
    }

    private static Map<String, Object> settings(StackProcess stack, Map<String, Object> client) {
        Map<String, Object> settings = new HashMap<>(client);
        settings.put("bootstrap.servers", stack.bootstrapServers());
        settings.put("default.api.timeout.ms", "15000");
        settings.put("request.timeout.ms", "5000");
        return settings;
    }
}
