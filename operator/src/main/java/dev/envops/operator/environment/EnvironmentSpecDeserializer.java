package dev.envops.operator.environment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a spec that does not fit the classes (a wrong type stored where no CRD schema checked it: a
 * cluster without the schema, an object stored under an older CRD) as a {@link MalformedSpec}
 * naming the field, instead of failing. A failure here fails the informer every Environment is read
 * through, and the Java Operator SDK then stops the operator.
 */
public final class EnvironmentSpecDeserializer extends StdDeserializer<EnvironmentSpec>
    implements ResolvableDeserializer {

  /** Misfits dropped, one by one, to read what else the spec says (e.g. deletionPolicy). */
  private static final int MAX_REPAIRS = 32;

  /** Only for the JSON names of enum constants. */
  private static final ObjectMapper NAMES = new ObjectMapper();

  private JsonDeserializer<Object> bean;

  public EnvironmentSpecDeserializer() {
    super(EnvironmentSpec.class);
  }

  /** The plain bean deserializer of EnvironmentSpec, which its annotation would otherwise hide. */
  @Override
  public void resolve(DeserializationContext ctx) throws JsonMappingException {
    JavaType type = ctx.constructType(EnvironmentSpec.class);
    JsonDeserializer<Object> plain =
        ctx.getFactory().createBeanDeserializer(ctx, type, ctx.getConfig().introspect(type));
    if (plain instanceof ResolvableDeserializer resolvable) {
      resolvable.resolve(ctx);
    }
    bean = plain;
  }

  @Override
  public EnvironmentSpec deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
    // Every informer event reads a spec through here: the tokens are kept in a buffer, not a tree,
    // and only a misfit pays for the tree (its copy is what is written back).
    TokenBuffer tokens = ctx.bufferAsCopyOfValue(p);
    if (tokens.firstToken() != JsonToken.START_OBJECT) {
      return new MalformedSpec("spec: must be an object", tree(tokens, p));
    }
    try {
      return (EnvironmentSpec) bean.deserialize(parser(tokens, p), ctx);
    } catch (JsonMappingException e) {
      JsonNode stored = tree(tokens, p);
      String problem = describe(e);
      ObjectNode readable = stored.deepCopy();
      JsonMappingException misfit = e;
      for (int repairs = 0; repairs < MAX_REPAIRS && drop(readable, misfit.getPath()); repairs++) {
        try {
          MalformedSpec spec = new MalformedSpec(problem, stored);
          bean.deserialize(parser(readable, p), ctx, spec);
          return spec;
        } catch (JsonMappingException next) {
          misfit = next;
        }
      }
      return new MalformedSpec(problem, stored);
    }
  }

  private static JsonNode tree(TokenBuffer tokens, JsonParser original) throws IOException {
    return parser(tokens, original).readValueAsTree();
  }

  private static JsonParser parser(TokenBuffer tokens, JsonParser original) throws IOException {
    JsonParser parser = tokens.asParser(original);
    parser.nextToken();
    return parser;
  }

  private static JsonParser parser(JsonNode node, JsonParser original) throws IOException {
    JsonParser parser = node.traverse(original.getCodec());
    parser.nextToken();
    return parser;
  }

  /** "spec.a.b[0].c: what it must be" (the value itself is never echoed: it may be anything). */
  static String describe(JsonMappingException e) {
    StringBuilder field = new StringBuilder("spec");
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        field.append('.').append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        field.append('[').append(ref.getIndex()).append(']');
      }
    }
    return field + ": " + expectation(e);
  }

  private static String expectation(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException) {
      return "is not a field of the Environment spec";
    }
    if (!(e instanceof MismatchedInputException mismatch) || mismatch.getTargetType() == null) {
      return "cannot be read";
    }
    Class<?> type = mismatch.getTargetType();
    if (type.isEnum()) {
      return "must be one of "
          + Arrays.stream(type.getEnumConstants())
              .map(c -> NAMES.valueToTree(c).asText())
              .collect(Collectors.joining(", "));
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "must be an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (type == String.class) {
      return "must be a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "must be an array";
    }
    if (Map.class.isAssignableFrom(type) || type.getName().startsWith("dev.envops.")) {
      return "must be an object";
    }
    return "has the wrong type";
  }

  /**
   * Removes the misfit at {@code path} (nulls it in an array, keeping indexes); false if absent.
   */
  private static boolean drop(ObjectNode root, List<JsonMappingException.Reference> path) {
    if (path.isEmpty()) {
      return false;
    }
    JsonNode parent = root;
    for (JsonMappingException.Reference ref : path.subList(0, path.size() - 1)) {
      parent =
          ref.getFieldName() != null ? parent.get(ref.getFieldName()) : parent.get(ref.getIndex());
      if (parent == null) {
        return false;
      }
    }
    JsonMappingException.Reference last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object && last.getFieldName() != null) {
      return object.remove(last.getFieldName()) != null;
    }
    if (parent instanceof ArrayNode array
        && last.getIndex() >= 0
        && last.getIndex() < array.size()) {
      if (array.get(last.getIndex()).isNull()) {
        return false;
      }
      array.set(last.getIndex(), NullNode.getInstance());
      return true;
    }
    return false;
  }
}
