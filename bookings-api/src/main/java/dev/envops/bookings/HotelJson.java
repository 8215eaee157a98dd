package dev.envops.bookings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes hotels as the Go original's JSON: PascalCase keys in struct order, Go number text. */
public final class HotelJson {

  private static final JsonFactory JSON = new JsonFactory();

  private HotelJson() {}

  public static Buffer one(Hotel hotel) {
    return write(128, generator -> writeHotel(generator, hotel));
  }

  public static Buffer list(List<Hotel> hotels) {
    return write(
        64 + hotels.size() * 128,
        generator -> {
          generator.writeStartArray();
          for (Hotel hotel : hotels) {
            writeHotel(generator, hotel);
          }
          generator.writeEndArray();
        });
  }

  /** {@code {"error": message}}. */
  public static Buffer error(String message) {
    return write(
        32 + message.length(),
        generator -> {
          generator.writeStartObject();
          generator.writeStringField("error", message);
          generator.writeEndObject();
        });
  }

  /** {@code {"status": status}}. */
  public static Buffer status(String status) {
    return write(
        32,
        generator -> {
          generator.writeStartObject();
          generator.writeStringField("status", status);
          generator.writeEndObject();
        });
  }

  private static void writeHotel(JsonGenerator generator, Hotel hotel) throws IOException {
    generator.writeStartObject();
    generator.writeNumberField("Id", hotel.id());
    generator.writeStringField("Name", hotel.name());
    generator.writeStringField("Address", hotel.address());
    generator.writeFieldName("Stars");
    if (hotel.stars() == null) {
      generator.writeNull();
    } else {
      generator.writeNumber(GoNumbers.float32(hotel.stars()));
    }
    generator.writeStringField("Description", hotel.description());
    generator.writeEndObject();
  }

  private static Buffer write(int sizeHint, Body body) {
    try (ByteArrayBuilder bytes = new ByteArrayBuilder(sizeHint)) {
      try (JsonGenerator generator = JSON.createGenerator(bytes)) {
        body.write(generator);
      }
      return Buffer.buffer(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface Body {
    void write(JsonGenerator generator) throws IOException;
  }
}
