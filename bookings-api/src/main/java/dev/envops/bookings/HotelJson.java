package dev.envops.bookings;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes hotels as the Go original's JSON: PascalCase keys in struct order, Go number text. */
public final class HotelJson {

  private static final byte[] ID = bytes("{\"Id\":");
  private static final byte[] NAME = bytes(",\"Name\":");
  private static final byte[] ADDRESS = bytes(",\"Address\":");
  private static final byte[] STARS = bytes(",\"Stars\":");
  private static final byte[] DESCRIPTION = bytes(",\"Description\":");
  private static final byte[] NULL = bytes("null");

  private HotelJson() {}

  public static Buffer one(Hotel hotel) {
    JsonBytes out = JsonBytes.start();
    writeHotel(out, hotel);
    return out.toBuffer();
  }

  public static Buffer list(List<Hotel> hotels) {
    JsonBytes out = JsonBytes.start();
    out.raw('[');
    for (int i = 0, n = hotels.size(); i < n; i++) {
      if (i > 0) {
        out.raw(',');
      }
      writeHotel(out, hotels.get(i));
    }
    return out.raw(']').toBuffer();
  }

  /** {@code {"error": message}}. */
  public static Buffer error(String message) {
    return field("error", message);
  }

  /** {@code {"status": status}}. */
  public static Buffer status(String status) {
    return field("status", status);
  }

  private static Buffer field(String key, String value) {
    JsonBytes out = JsonBytes.start();
    out.raw('{').string(key).raw(':').string(value).raw('}');
    return out.toBuffer();
  }

  private static void writeHotel(JsonBytes out, Hotel hotel) {
    out.raw(ID).number(hotel.id());
    out.raw(NAME).string(hotel.name());
    out.raw(ADDRESS).string(hotel.address());
    out.raw(STARS);
    if (hotel.stars() == null) {
      out.raw(NULL);
    } else {
      out.ascii(GoNumbers.float32(hotel.stars()));
    }
    out.raw(DESCRIPTION).string(hotel.description()).raw('}');
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
