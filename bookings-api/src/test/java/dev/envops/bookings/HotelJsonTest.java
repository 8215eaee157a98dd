package dev.envops.bookings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written encoder writes byte for byte what Jackson's generator wrote before it. */
class HotelJsonTest {

  private static final JsonFactory JACKSON = new JsonFactory();

  @Test
  void everyAsciiCharacterIsEscapedAsJacksonDoes() throws IOException {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      all.append(c);
    }
    Hotel hotel = new Hotel(7, all.toString(), "\"quoted\" \\ back", 7.6f, "line\nbreak\u0001");
    assertThat(HotelJson.one(hotel).toString(StandardCharsets.UTF_8)).isEqualTo(jackson(hotel));
  }

  @Test
  void randomUnicodeTextMatchesJackson() throws IOException {
    Random random = new Random(15);
    List<Hotel> hotels = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      hotels.add(
          new Hotel(
              random.nextInt(Integer.MAX_VALUE),
              text(random),
              text(random),
              random.nextBoolean() ? null : random.nextInt(101) / 10f,
              random.nextInt(4) == 0 ? null : text(random)));
    }
    assertThat(HotelJson.list(hotels).toString(StandardCharsets.UTF_8))
        .isEqualTo(jacksonList(hotels));
  }

  @Test
  void errorAndStatusBodies() {
    assertThat(HotelJson.error("no \"x\"").toString()).isEqualTo("{\"error\":\"no \\\"x\\\"\"}");
    assertThat(HotelJson.status("up").toString()).isEqualTo("{\"status\":\"up\"}");
  }

  @Test
  void aLargeAnswerGrowsTheBuffer() {
    List<Hotel> hotels = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      hotels.add(new Hotel(i, "Hotel " + i, "x".repeat(50), 1f, "d".repeat(400)));
    }
    String json = HotelJson.list(hotels).toString(StandardCharsets.UTF_8);
    assertThat(json)
        .startsWith("[{\"Id\":0,")
        .endsWith("\"Description\":\"" + "d".repeat(400) + "\"}]");
    assertThat(HotelJson.one(hotels.get(1)).toString()).startsWith("{\"Id\":1,");
  }

  private static String text(Random random) {
    StringBuilder out = new StringBuilder();
    int n = random.nextInt(30);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(6)) {
        case 0 -> out.append((char) random.nextInt(0x80));
        case 1 -> out.append((char) (0x80 + random.nextInt(0x780)));
        case 2 -> out.append((char) (0x800 + random.nextInt(0xD800 - 0x800)));
        case 3 -> out.appendCodePoint(0x10000 + random.nextInt(0x100000));
        case 4 -> out.append((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate
        default -> out.append("Hotel é ");
      }
    }
    return out.toString();
  }

  private static String jackson(Hotel hotel) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator generator = JACKSON.createGenerator(bytes)) {
      write(generator, hotel);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String jacksonList(List<Hotel> hotels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator generator = JACKSON.createGenerator(bytes)) {
      generator.writeStartArray();
      for (Hotel hotel : hotels) {
        write(generator, hotel);
      }
      generator.writeEndArray();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static void write(JsonGenerator generator, Hotel hotel) throws IOException {
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
}
