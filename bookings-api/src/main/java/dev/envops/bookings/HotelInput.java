package dev.envops.bookings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * Reads a hotel from a request body the way the Go original did (keys match case-insensitively,
 * unknown keys are ignored) and checks it against the columns, so a bad body writes nothing.
 */
public final class HotelInput {

  /** Column sizes of {@code hotels}, in characters. */
  public static final int NAME_MAX = 50;

  public static final int ADDRESS_MAX = 50;
  public static final int DESCRIPTION_MAX = 400;
  public static final double STARS_MIN = 0;
  public static final double STARS_MAX = 10;

  private static final JsonFactory JSON = new JsonFactory();

  private HotelInput() {}

  /** The validated hotel (id 0), or a {@link BadRequestException} naming the field. */
  public static Hotel parse(Buffer body) {
    if (body == null || body.length() == 0) {
      throw new BadRequestException("request body must be a JSON object with Name and Address");
    }
    String name = null;
    String address = null;
    Float stars = null;
    String description = null;
    try (JsonParser parser = JSON.createParser(body.getBytes())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new BadRequestException("request body must be a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonToken value = parser.nextToken();
        if (key.equalsIgnoreCase("Name")) {
          name = string(parser, value, "Name");
        } else if (key.equalsIgnoreCase("Address")) {
          address = string(parser, value, "Address");
        } else if (key.equalsIgnoreCase("Stars")) {
          stars = stars(parser, value);
        } else if (key.equalsIgnoreCase("Description")) {
          description = string(parser, value, "Description");
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw new BadRequestException("malformed JSON: unexpected data after the object");
      }
    } catch (JsonParseException e) {
      throw new BadRequestException("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadRequestException("malformed JSON");
    }
    return new Hotel(
        0,
        required(name, "Name", NAME_MAX),
        required(address, "Address", ADDRESS_MAX),
        stars,
        optional(description, "Description", DESCRIPTION_MAX));
  }

  /** A path id: a positive integer (too large to exist: {@link Long#MAX_VALUE}), else 400. */
  public static long id(String text) {
    if (text == null || text.isEmpty()) {
      throw badId();
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        throw badId();
      }
    }
    return text.length() > 18 ? Long.MAX_VALUE : Long.parseLong(text);
  }

  private static BadRequestException badId() {
    return new BadRequestException("Id in the path must be a positive integer");
  }

  private static String string(JsonParser parser, JsonToken token, String field)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_STRING) {
      throw new BadRequestException(field + " must be a string");
    }
    return parser.getText();
  }

  private static Float stars(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
      throw new BadRequestException("Stars must be a number from 0 to 10");
    }
    double value = parser.getDoubleValue();
    if (!(value >= STARS_MIN && value <= STARS_MAX)) {
      throw new BadRequestException("Stars must be a number from 0 to 10");
    }
    // The column is a FLOAT: keep the value the database will hold, so the echo matches a read.
    return (float) value;
  }

  private static String required(String value, String field, int max) {
    if (value == null || value.isBlank()) {
      throw new BadRequestException(field + " is required and must not be empty");
    }
    return optional(value, field, max);
  }

  private static String optional(String value, String field, int max) {
    if (value != null && value.codePointCount(0, value.length()) > max) {
      throw new BadRequestException(field + " must be at most " + max + " characters");
    }
    return value;
  }
}
