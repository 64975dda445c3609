package dev.encore.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * The view's OpenAPI document, as it serves it, turned into JSON Schema 2020-12 checks (OpenAPI 3.1's schema dialect):
 * {@link #violations} says where a body breaks a named component schema.
 */
final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode document;
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    OpenApiContract(String document) throws Exception {
        this.document = JSON.readTree(document);
        if (!this.document.path("openapi").asText().startsWith("3.1")) {
            throw new AssertionError("expected an OpenAPI 3.1 document, got " + this.document.path("openapi"));
        }
    }

    JsonNode document() {
        return document;
    }

    /** Where {@code body} breaks {@code #/components/schemas/<component>}; empty when it conforms. */
    List<String> violations(String component, String body) throws Exception {
        if (!document.path("components").path("schemas").has(component)) {
            throw new AssertionError("the OpenAPI document has no schema " + component);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/" + component);
        root.set("components", document.get("components"));
        Schema schema = schemas.getSchema(JSON.writeValueAsString(root), InputFormat.JSON);
        return schema.validate(body, InputFormat.JSON).stream().map(Object::toString).toList();
    }
}
