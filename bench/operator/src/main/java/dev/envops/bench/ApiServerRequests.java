package dev.envops.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Requests the kube-apiserver served, by verb and resource, from its own {@code /metrics} ({@code
 * apiserver_request_total}), at one moment; diffs between moments. The bench's own requests (tag
 * bumps, lists, the Event reaper's deletes) are in the counts too.
 */
record ApiServerRequests(Map<String, Double> counts) {

  private static final Pattern SAMPLE = Pattern.compile("^apiserver_request_total\\{(.*)} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  static ApiServerRequests take(KubernetesClient client) {
    return parse(client.raw("/metrics"));
  }

  /** The counts in a Prometheus text exposition of the API server's metrics. */
  static ApiServerRequests parse(String metrics) {
    Map<String, Double> counts = new TreeMap<>();
    for (String line : metrics.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (m.matches()) {
        Map<String, String> labels = labels(m.group(1));
        String subresource = labels.getOrDefault("subresource", "");
        String key =
            labels.get("verb")
                + " "
                + labels.get("resource")
                + (subresource.isEmpty() ? "" : "/" + subresource);
        counts.merge(key, Double.parseDouble(m.group(2)), Double::sum);
      }
    }
    return new ApiServerRequests(counts);
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new TreeMap<>();
    Matcher m = LABEL.matcher(text);
    while (m.find()) {
      labels.put(m.group(1), m.group(2));
    }
    return labels;
  }

  ApiServerRequests since(ApiServerRequests earlier) {
    Map<String, Double> diff = new TreeMap<>();
    counts.forEach(
        (key, n) -> {
          double d = n - earlier.counts.getOrDefault(key, 0.0);
          if (d >= 1) {
            diff.put(key, d);
          }
        });
    return new ApiServerRequests(diff);
  }

  /** Each count of at least 0.01 per {@code per}, divided by it, the largest first, as one line. */
  String per(int per) {
    return counts.entrySet().stream()
        .filter(e -> e.getValue() / per >= 0.01)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / per))
        .collect(Collectors.joining(", "));
  }
}
