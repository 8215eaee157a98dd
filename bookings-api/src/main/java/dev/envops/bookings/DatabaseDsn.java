package dev.envops.bookings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how to reach the database, parsed from {@code DSN}: the go-sql-driver form ({@code
 * user:pass@tcp(host:port)/db?tls=true}) or a {@code mysql://} URL. Error messages and {@link
 * #toString()} never contain the password.
 */
public record DatabaseDsn(
    String host,
    int port,
    String user,
    String password,
    String database,
    TlsMode tls,
    Duration connectTimeout) {

  public static final int DEFAULT_PORT = 3306;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Pattern GO_DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

  /** Parses either form; throws {@link IllegalArgumentException} with a password-free message. */
  public static DatabaseDsn parse(String dsn) {
    if (dsn == null || dsn.isBlank()) {
      throw new IllegalArgumentException(
          "DSN is not set: expected user:password@tcp(host:3306)/database?tls=true");
    }
    String text = dsn.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("mysql://") || lower.startsWith("mariadb://")) {
      return parseUrl(text.substring(text.indexOf("://") + 3));
    }
    return parseGo(text);
  }

  /** go-sql-driver's rules: the last '/' ends the address, the last '@' before it the user info. */
  private static DatabaseDsn parseGo(String dsn) {
    int slash = dsn.lastIndexOf('/');
    if (slash < 0) {
      throw invalid("no '/' before the database name (expected user:password@tcp(host)/database)");
    }
    String user = "";
    String password = "";
    String address = "";
    if (slash > 0) {
      String left = dsn.substring(0, slash);
      int at = left.lastIndexOf('@');
      String netAddress = left;
      if (at >= 0) {
        String userInfo = left.substring(0, at);
        int colon = userInfo.indexOf(':');
        user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        password = colon < 0 ? "" : userInfo.substring(colon + 1);
        netAddress = left.substring(at + 1);
      }
      int paren = netAddress.indexOf('(');
      String net = paren < 0 ? netAddress : netAddress.substring(0, paren);
      if (paren >= 0) {
        if (!netAddress.endsWith(")")) {
          throw invalid("the address must be written as tcp(host:port)");
        }
        address = netAddress.substring(paren + 1, netAddress.length() - 1);
      }
      if (!net.isEmpty() && !net.equals("tcp")) {
        throw invalid("only the tcp protocol is supported, as in user:password@tcp(host)/db");
      }
    }
    String rest = dsn.substring(slash + 1);
    int question = rest.indexOf('?');
    String database = question < 0 ? rest : rest.substring(0, question);
    Params params = Params.parse(question < 0 ? "" : rest.substring(question + 1));
    HostPort hostPort = HostPort.parse(address.isEmpty() ? "127.0.0.1" : address);
    return new DatabaseDsn(
        hostPort.host(),
        hostPort.port(),
        user,
        password,
        database,
        TlsMode.fromGoValue(params.get("tls", "false")),
        params.has("timeout") ? goDuration(params.get("timeout", "")) : DEFAULT_CONNECT_TIMEOUT);
  }

  /** {@code user:password@host:port/database?tls=true}; user and password may be %-encoded. */
  private static DatabaseDsn parseUrl(String rest) {
    int at = rest.lastIndexOf('@');
    String user = "";
    String password = "";
    String afterUser = rest;
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      int colon = userInfo.indexOf(':');
      user = percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : percentDecode(userInfo.substring(colon + 1));
      afterUser = rest.substring(at + 1);
    }
    int question = afterUser.indexOf('?');
    String location = question < 0 ? afterUser : afterUser.substring(0, question);
    Params params = Params.parse(question < 0 ? "" : afterUser.substring(question + 1));
    int slash = location.indexOf('/');
    String address = slash < 0 ? location : location.substring(0, slash);
    String database = slash < 0 ? "" : percentDecode(location.substring(slash + 1));
    if (address.isEmpty()) {
      throw invalid("the mysql:// URL has no host");
    }
    HostPort hostPort = HostPort.parse(address);
    TlsMode tls = TlsMode.DISABLED;
    if (params.has("tls")) {
      tls = TlsMode.fromGoValue(params.get("tls", ""));
    } else if (params.has("ssl-mode") || params.has("sslmode")) {
      tls = TlsMode.fromSslMode(params.get("ssl-mode", params.get("sslmode", "")));
    }
    Duration timeout =
        params.has("timeout") ? goDuration(params.get("timeout", "")) : DEFAULT_CONNECT_TIMEOUT;
    return new DatabaseDsn(
        hostPort.host(), hostPort.port(), user, password, database, tls, timeout);
  }

  /** Go's time.ParseDuration for the units a DSN uses, e.g. {@code 10s}, {@code 1m30s}. */
  static Duration goDuration(String text) {
    Matcher matcher = GO_DURATION_PART.matcher(text);
    double nanos = 0;
    int end = 0;
    while (matcher.find() && matcher.start() == end) {
      double value = Double.parseDouble(matcher.group(1));
      nanos += value * unitNanos(matcher.group(2));
      end = matcher.end();
    }
    if (end == 0 || end != text.length()) {
      throw invalid("timeout='" + safe(text) + "' is not a duration like 5s or 500ms");
    }
    return Duration.ofNanos((long) nanos);
  }

  private static double unitNanos(String unit) {
    switch (unit) {
      case "ns":
        return 1;
      case "us":
      case "µs":
        return 1e3;
      case "ms":
        return 1e6;
      case "s":
        return 1e9;
      case "m":
        return 60e9;
      default:
        return 3600e9;
    }
  }

  private static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[bytes.length];
    int length = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%'
          && i + 2 < bytes.length
          && hex(bytes[i + 1]) >= 0
          && hex(bytes[i + 2]) >= 0) {
        out[length++] = (byte) (hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
        i += 2;
      } else {
        out[length++] = bytes[i];
      }
    }
    return new String(out, 0, length, StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }

  /** Only the DSN's structure goes into messages: never a value that could hold the password. */
  private static String safe(String fragment) {
    return fragment.length() > 40 ? fragment.substring(0, 40) + "..." : fragment;
  }

  static IllegalArgumentException invalid(String reason) {
    return new IllegalArgumentException("DSN is not valid: " + reason);
  }

  @Override
  public String toString() {
    return "mysql://"
        + (user.isEmpty() ? "" : user + (password.isEmpty() ? "" : ":***") + "@")
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port
        + "/"
        + database
        + " (tls "
        + tls.name().toLowerCase(Locale.ROOT)
        + ")";
  }

  /** A host and port, with Go's defaults: port 3306, IPv6 in brackets. */
  record HostPort(String host, int port) {
    static HostPort parse(String address) {
      String host = address;
      String port = null;
      if (address.startsWith("[")) {
        int close = address.indexOf(']');
        if (close < 0) {
          throw invalid("unclosed '[' in the address");
        }
        host = address.substring(1, close);
        if (close + 1 < address.length()) {
          if (address.charAt(close + 1) != ':') {
            throw invalid("expected ':' after the IPv6 address");
          }
          port = address.substring(close + 2);
        }
      } else {
        int colon = address.lastIndexOf(':');
        if (colon >= 0) {
          host = address.substring(0, colon);
          port = address.substring(colon + 1);
        }
      }
      if (host.isEmpty()) {
        host = "127.0.0.1";
      }
      if (port == null) {
        return new HostPort(host, DEFAULT_PORT);
      }
      try {
        int value = Integer.parseInt(port);
        if (value > 0 && value <= 65535) {
          return new HostPort(host, value);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw invalid("the port must be a number 1-65535");
    }
  }

  /** Query parameters of a DSN; values %-decoded as go-sql-driver does. */
  record Params(java.util.Map<String, String> values) {
    static Params parse(String query) {
      java.util.Map<String, String> values = new java.util.HashMap<>();
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq < 0) {
          throw invalid("a parameter after '?' has no '=value'");
        }
        values.put(pair.substring(0, eq), percentDecode(pair.substring(eq + 1)));
      }
      return new Params(values);
    }

    boolean has(String key) {
      return values.containsKey(key);
    }

    String get(String key, String fallback) {
      return values.getOrDefault(key, fallback);
    }
  }
}
