package dev.encore.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.schema.CandidateSource;
import dev.encore.schema.EventType;
import dev.encore.schema.PlaySource;
import dev.encore.schema.UserEvent;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The OpenAPI document says what the Avro contract says: the same fields and symbols (the live check is StackSmokeIT's). */
class OpenApiDocumentTest {
    private static JsonNode schemas() throws Exception {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(WebAssets.ROOT + "openapi.json")) {
            return new ObjectMapper().readTree(in).get("components").get("schemas");
        }
    }

    private static Set<String> names(JsonNode properties) {
        Set<String> names = new TreeSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> symbols(JsonNode node) {
        List<String> symbols = new java.util.ArrayList<>();
        node.get("enum").forEach(s -> symbols.add(s.asText()));
        return symbols;
    }

    @Test
    void theUserEventHasTheAvroRecordsFieldsAndSymbols() throws Exception {
        JsonNode event = schemas().get("UserEvent").get("properties");
        Set<String> avro = new TreeSet<>();
        UserEvent.getClassSchema().getFields().forEach(f -> avro.add(f.name()));
        assertEquals(avro, names(event));
        Schema context = UserEvent.getClassSchema().getField("context").schema();
        Set<String> contextFields = new TreeSet<>();
        context.getFields().forEach(f -> contextFields.add(f.name()));
        assertEquals(contextFields, names(event.get("context").get("properties")));
        List<String> types = Arrays.stream(EventType.values()).filter(t -> t != EventType.UNKNOWN).map(Enum::name).toList();
        assertEquals(types, symbols(event.get("type")));
        assertEquals(types, symbols(schemas().get("RecentEvent").get("properties").get("type")));
        assertEquals(Arrays.stream(PlaySource.values()).map(Enum::name).toList(), symbols(event.get("context").get("properties").get("source")));
    }

    @Test
    void aListItemsSourcesAreTheAvroSymbols() throws Exception {
        assertEquals(Arrays.stream(CandidateSource.values()).map(Enum::name).toList(),
                symbols(schemas().get("RecommendedItem").get("properties").get("source")));
    }

    @Test
    void theRecentEventHasTheRecordsComponents() throws Exception {
        Set<String> components = new TreeSet<>();
        Arrays.stream(RecentEvent.class.getRecordComponents()).forEach(c -> components.add(c.getName()));
        assertEquals(components, names(schemas().get("RecentEvent").get("properties")));
    }
}
