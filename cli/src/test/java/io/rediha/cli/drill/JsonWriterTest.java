package io.rediha.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void nestedDocumentParsesBackWithEveryValueIntact() {
        String json = new JsonWriter().beginObject()
                .field("text", "quote \" backslash \\ newline \n tab \t bell \u0007")
                .field("int", 42).field("double", 2.5).field("none", (String) null).field("yes", true)
                .name("empty").beginArray().endArray()
                .name("list").beginArray().value("a").value(1).beginObject().field("k", "v").endObject().endArray()
                .endObject().toJson();

        JSONObject doc = new JSONObject(json);

        assertEquals("quote \" backslash \\ newline \n tab \t bell \u0007", doc.getString("text"));
        assertEquals(42, doc.getInt("int"));
        assertEquals(2.5, doc.getDouble("double"));
        assertTrue(doc.isNull("none"));
        assertTrue(doc.getBoolean("yes"));
        assertEquals(0, doc.getJSONArray("empty").length());
        assertEquals("v", doc.getJSONArray("list").getJSONObject(2).getString("k"));
    }

    @Test
    void misuseFailsAtOnce() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value("no name"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().endArray());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().toJson());
        assertThrows(IllegalArgumentException.class, () -> new JsonWriter().value(Double.NaN));
    }
}
