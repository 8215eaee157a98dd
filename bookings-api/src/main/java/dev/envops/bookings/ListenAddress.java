package dev.envops.bookings;

/** The address the HTTP server binds, parsed from {@code LISTEN} the way Go's net/http reads it. */
public record ListenAddress(String host, int port) {

  public static final ListenAddress DEFAULT = new ListenAddress("0.0.0.0", 8080);

  /**
   * Parses {@code host:port}, {@code :port} (all interfaces) or {@code [ipv6]:port}; blank means
   * {@link #DEFAULT}.
   */
  public static ListenAddress parse(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    String text = value.strip();
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "LISTEN must be host:port or :port, e.g. 0.0.0.0:8080 (got '" + text + "')");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException(
          "LISTEN: an IPv6 host needs brackets, e.g. [::1]:8080 (got '" + text + "')");
    }
    return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, port(text.substring(colon + 1)));
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("LISTEN: port must be 0-65535 (got '" + text + "')");
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
