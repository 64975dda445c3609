package dev.encore.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.schema.UserEvent;
import dev.encore.local.Ports;
import dev.encore.schemas.testing.StubRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {
    private static final Schema SCHEMA = UserEvent.getClassSchema();
    private static final String SCHEMA_ANSWER = "{\"schema\":" + quoted(SCHEMA.toString()) + "}";

    private final StubRegistry stub = new StubRegistry();
    private final SchemaRegistryClient client = new SchemaRegistryClient(stub.url());

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void schemaByIdIsFetchedOnceThenCached() {
        stub.answer("GET /api/schemas/ids/7", 200, SCHEMA_ANSWER);

        assertEquals(SCHEMA, client.schemaById(7));
        assertEquals(SCHEMA, client.schemaById(7));

        assertEquals(1, stub.count("GET", "/api/schemas/ids/7"));
    }

    @Test
    void registerIsCachedAndAlsoServesLookupsAndSchemaById() {
        stub.answer("POST /api/subjects/s-value/versions", 200, "{\"id\":3}");

        assertEquals(3, client.register("s-value", SCHEMA));
        assertEquals(3, client.register("s-value", SCHEMA));
        assertEquals(3, client.idOf("s-value", SCHEMA));
        assertEquals(SCHEMA, client.schemaById(3));

        assertEquals(1, stub.requests.size());
        StubRegistry.Request request = stub.requests.get(0);
        assertEquals("application/vnd.schemaregistry.v1+json", request.contentType());
        assertTrue(request.body().startsWith("{\"schema\":\"{\\\"type\\\":\\\"record\\\""), request.body());
    }

    @Test
    void cacheIsPerSubject() {
        stub.answer("POST /api/subjects/a/versions", 200, "{\"id\":1}")
                .answer("POST /api/subjects/b/versions", 200, "{\"id\":1}");
        client.register("a", SCHEMA);
        client.register("b", SCHEMA);
        assertEquals(2, stub.requests.size());
    }

    @Test
    void subjectNamesAreEncodedInThePath() {
        stub.answer("POST /api/subjects/odd%20name%2Fx", 200, "{\"id\":4}");
        assertEquals(4, client.idOf("odd name/x", SCHEMA));
    }

    @Test
    void confluentErrorCodesMapToTypedExceptions() {
        stub.answer("POST /api/subjects/missing", 404, "{\"error_code\":40401,\"message\":\"Subject not found\"}")
                .answer("POST /api/subjects/known", 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}")
                .answer("GET /api/schemas/ids/99", 404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}")
                .answer("POST /api/subjects/bad/versions", 422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}")
                .answer("GET /api/config", 500, "{\"error_code\":50001,\"message\":\"store error\"}");

        var subject = assertThrows(SubjectNotFoundException.class, () -> client.idOf("missing", SCHEMA));
        assertEquals(40401, subject.errorCode());
        assertTrue(subject.getMessage().contains("'missing'"), subject.getMessage());
        assertEquals(40403, assertThrows(SchemaNotFoundException.class, () -> client.idOf("known", SCHEMA)).errorCode());
        assertEquals(40403, assertThrows(SchemaNotFoundException.class, () -> client.schemaById(99)).errorCode());
        assertEquals(422, assertThrows(InvalidSchemaException.class, () -> client.register("bad", SCHEMA)).httpStatus());
        assertEquals(500, assertThrows(RegistryUnavailableException.class, client::globalCompatibility).httpStatus());
    }

    @Test
    void incompatibleSchemaNamesSubjectAndRule() {
        stub.answer("POST /api/subjects/events-value/versions", 409,
                        "{\"error_code\":409,\"message\":\"reader type: STRING not compatible with writer type: INT\"}")
                .answer("GET /api/config/events-value?defaultToGlobal=true", 200, "{\"compatibilityLevel\":\"FULL\"}");

        var error = assertThrows(IncompatibleSchemaException.class, () -> client.register("events-value", SCHEMA));

        assertEquals("events-value", error.subject());
        assertEquals(CompatibilityLevel.FULL, error.rule());
        assertTrue(error.getMessage().contains("'events-value'") && error.getMessage().contains("FULL")
                && error.getMessage().contains("STRING not compatible"), error.getMessage());
    }

    @Test
    void compatibilityConfigIsReadAndWritten() {
        stub.answer("GET /api/config", 200, "{\"compatibilityLevel\":\"BACKWARD\"}")
                .answer("PUT /api/config/s", 200, "{\"compatibility\":\"FULL\"}")
                .answer("GET /api/subjects/s/versions", 200, "[1,2]");

        assertEquals(CompatibilityLevel.BACKWARD, client.globalCompatibility());
        client.setCompatibility("s", CompatibilityLevel.FULL);
        assertEquals(List.of(1, 2), client.versions("s"));

        assertEquals("{\"compatibility\":\"FULL\"}", stub.requests.get(1).body());
    }

    @Test
    void unreachableRegistryIsUnavailableNotADataError() {
        var offline = new SchemaRegistryClient("http://127.0.0.1:" + Ports.findFree(), Duration.ofSeconds(2), Optional.empty());
        var error = assertThrows(SchemaRegistryException.class, () -> offline.schemaById(1));
        assertInstanceOf(RegistryUnavailableException.class, error);
    }

    @Test
    void badUrlsAreRefusedWithTheFix() {
        var error = assertThrows(IllegalArgumentException.class, () -> new SchemaRegistryClient("localhost:8081"));
        assertTrue(error.getMessage().contains("http(s)://"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SchemaRegistryClient(" "));
    }

    @Test
    void basicAuthIsSent() {
        stub.answer("GET /api/config", 200, "{\"compatibilityLevel\":\"NONE\"}");
        var authed = new SchemaRegistryClient(stub.url(), Duration.ofSeconds(2), Optional.of("user:secret"));
        assertEquals(CompatibilityLevel.NONE, authed.globalCompatibility());
        assertEquals("Basic dXNlcjpzZWNyZXQ=", stub.requests.get(0).authorization());
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthAndNotInThePath() {
        stub.answer("GET /api/config", 200, "{\"compatibilityLevel\":\"NONE\"}");
        String url = stub.url().replace("http://", "http://user:secret@");
        assertEquals(CompatibilityLevel.NONE, new SchemaRegistryClient(url).globalCompatibility());
        assertEquals("Basic dXNlcjpzZWNyZXQ=", stub.requests.get(0).authorization());
    }

    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
