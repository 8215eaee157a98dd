package dev.envops.operator.environment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * A spec whose JSON does not fit the classes: the fields that could be read, the first field that
 * could not, and the JSON as stored. It is written back as stored, so a copy of the resource (the
 * operator reconciles copies) is malformed the same way.
 */
@JsonSerialize(using = MalformedSpec.AsStored.class)
public final class MalformedSpec extends EnvironmentSpec {

  private final String problem;
  private final JsonNode stored;

  MalformedSpec(String problem, JsonNode stored) {
    this.problem = problem;
    this.stored = stored;
  }

  /** "field: problem", e.g. {@code spec.lightsail.containerPort: must be an integer}. */
  public String problem() {
    return problem;
  }

  /** Writes the spec exactly as it was read. */
  public static final class AsStored extends StdSerializer<MalformedSpec> {

    public AsStored() {
      super(MalformedSpec.class);
    }

    @Override
    public void serialize(MalformedSpec spec, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      spec.stored.serialize(gen, provider);
    }
  }
}
