package dev.envops.bookings;

/** A hotel row; {@code stars} and {@code description} may be null (nullable or absent column). */
public record Hotel(long id, String name, String address, Float stars, String description) {

  Hotel withId(long newId) {
    return new Hotel(newId, name, address, stars, description);
  }

  Hotel withoutDescription() {
    return new Hotel(id, name, address, stars, null);
  }
}
