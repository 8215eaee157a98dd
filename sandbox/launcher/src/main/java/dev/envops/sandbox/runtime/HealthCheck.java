package dev.envops.sandbox.runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Lightsail's container health check, sped up: GET the path until it answers with a success code
 * {@code healthyThreshold} times in a row, the container exits, or the start-up budget runs out.
 */
final class HealthCheck {

  private static final Duration INTERVAL = Duration.ofMillis(100);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(REQUEST_TIMEOUT)
          .build();
  private final Duration startupBudget;

  HealthCheck(Duration startupBudget) {
    this.startupBudget = startupBudget;
  }

  /** Empty when healthy, else why the container failed its health check. */
  Optional<String> await(ContainerProcess container, String path, String successCodes, int healthy)
      throws InterruptedException {
    URI target = URI.create("http://127.0.0.1:" + container.port()).resolve(path);
    long deadline = System.nanoTime() + startupBudget.toNanos();
    int passed = 0;
    String lastProblem = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!container.isAlive()) {
        return Optional.of(
            "the container exited with code "
                + container.exitValue()
                + " before passing its health check on "
                + path
                + " (log: "
                + container.log()
                + ")");
      }
      Optional<String> problem = probe(target, successCodes);
      if (problem.isEmpty()) {
        if (++passed >= Math.max(1, healthy)) {
          return Optional.empty();
        }
      } else {
        passed = 0;
        lastProblem = problem.get();
      }
      // An external process gives nothing to wait on: poll it at a short interval.
      Thread.sleep(INTERVAL.toMillis());
    }
    return Optional.of(
        "health check on "
            + path
            + " did not pass within "
            + startupBudget.toSeconds()
            + " s: "
            + lastProblem);
  }

  private Optional<String> probe(URI target, String successCodes) throws InterruptedException {
    try {
      int status =
          http.send(
                  HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT).GET().build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      return SuccessCodes.matches(successCodes, status)
          ? Optional.empty()
          : Optional.of("answered HTTP " + status);
    } catch (java.io.IOException e) {
      return Optional.of("did not answer (" + e.getClass().getSimpleName() + ")");
    }
  }
}
