package dev.envops.operator.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.envops.operator.environment.Environment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON of one core/v1 Event, written field by field: fabric8's model serializer (bean
 * reflection, its additional-properties delegate) was a third of an Event POST's CPU in the fleet
 * benchmark's profile.
 */
final class EventBody {

  private static final JsonFactory JSON = new JsonFactory();

  private EventBody() {}

  static byte[] of(
      String eventName,
      Environment about,
      String type,
      String reason,
      String message,
      String timestamp,
      String component) {
    var out = new ByteArrayOutputStream(512 + (message == null ? 0 : message.length()));
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("apiVersion", "v1");
      json.writeStringField("kind", "Event");
      json.writeObjectFieldStart("metadata");
      json.writeStringField("name", eventName);
      json.writeStringField("namespace", about.getMetadata().getNamespace());
      json.writeEndObject();
      json.writeObjectFieldStart("involvedObject");
      writeIfPresent(json, "apiVersion", about.getApiVersion());
      writeIfPresent(json, "kind", about.getKind());
      writeIfPresent(json, "name", about.getMetadata().getName());
      writeIfPresent(json, "namespace", about.getMetadata().getNamespace());
      writeIfPresent(json, "uid", about.getMetadata().getUid());
      writeIfPresent(json, "resourceVersion", about.getMetadata().getResourceVersion());
      json.writeEndObject();
      json.writeStringField("type", type);
      json.writeStringField("reason", reason);
      json.writeStringField("message", message);
      json.writeNumberField("count", 1);
      json.writeStringField("firstTimestamp", timestamp);
      json.writeStringField("lastTimestamp", timestamp);
      json.writeObjectFieldStart("source");
      json.writeStringField("component", component);
      json.writeEndObject();
      json.writeStringField("reportingComponent", component);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeIfPresent(JsonGenerator json, String field, String value)
      throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }
}
