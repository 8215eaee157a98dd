package dev.envops.sandbox.kube;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A request's query string, decoded, with a way to keep only the parameters the mock understands.
 */
final class QueryParameters {

  private final Map<String, String> values;

  private QueryParameters(Map<String, String> values) {
    this.values = values;
  }

  static QueryParameters parse(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String key = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        values.put(decode(key), decode(value));
      }
    }
    return new QueryParameters(values);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /**
   * Percent-encodes only what would break the query; {@code =} and {@code ,} stay literal because
   * the mock reads selectors such as {@code fieldSelector=metadata.name=x} from the raw query.
   */
  private static String encode(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (Character.isLetterOrDigit(c) && c < 128 || "-._~=,!()".indexOf(c) >= 0) {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return encoded.toString();
  }

  String get(String key) {
    return values.get(key);
  }

  boolean isTrue(String key) {
    String value = values.get(key);
    return "true".equalsIgnoreCase(value) || "1".equals(value);
  }

  /** {@code ?k=v&...} with only the given keys (empty string when none remain). */
  String keep(Set<String> keys) {
    String kept =
        values.entrySet().stream()
            .filter(entry -> keys.contains(entry.getKey()))
            .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
            .collect(Collectors.joining("&"));
    return kept.isEmpty() ? "" : "?" + kept;
  }
}
