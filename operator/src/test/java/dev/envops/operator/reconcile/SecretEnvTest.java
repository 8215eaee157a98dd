package dev.envops.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.EnvironmentStatus;
import dev.envops.operator.environment.Phase;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** envFrom Secrets reach the container, a Secret change rolls out, values never leak. */
class SecretEnvTest {

  private static final String DSN = "app:Sup3r-s3cret-pw@tcp(db.example:3306)/bookings?tls=true";
  private static final String ROTATED =
      "app:r0tated-Pa55word@tcp(db.example:3306)/bookings?tls=true";

  private OperatorHarness h;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void start() throws Exception {
    logs.start();
    root.addAppender(logs);
    h = OperatorHarness.create().start();
  }

  @AfterEach
  void stop() {
    h.close();
    root.detachAppender(logs);
  }

  @Test
  void secretValuesReachTheContainerAndNeverStatusEventsOrLogs() {
    h.push("v1");
    h.secret("bookings-qa-db", "dsn", DSN);
    h.apply(
        Environments.withSecretEnv(
            Environments.bookings("qa", h.repositoryUri(), "v1"), "DSN", "bookings-qa-db", "dsn"));

    EnvironmentStatus status = h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
    assertThat(served("DSN")).isEqualTo(DSN);
    String hash = status.getLightsail().getConfigHash();

    h.secret("bookings-qa-db", "dsn", ROTATED);

    EnvironmentStatus rotated =
        h.awaitStatus(
            "qa",
            s -> s.getPhase() == Phase.Ready && !hash.equals(s.getLightsail().getConfigHash()));
    assertThat(served("DSN")).isEqualTo(ROTATED);
    assertThat(h.lightsail().callCount("CreateContainerServiceDeployment")).isEqualTo(2);
    assertThat(rotated.getHistory()).hasSize(2);

    String statusJson = Serialization.asJson(h.get("qa"));
    String eventsJson = Serialization.asJson(h.events("qa"));
    String logText =
        String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    assertThat(logs.list).isNotEmpty();
    for (String secret : new String[] {DSN, ROTATED, "Sup3r-s3cret-pw", "r0tated-Pa55word"}) {
      assertThat(statusJson).doesNotContain(secret);
      assertThat(eventsJson).doesNotContain(secret);
      assertThat(logText).doesNotContain(secret);
    }
  }

  @Test
  void missingSecretKeyStopsBeforeAnyCloudCall() {
    h.push("v1");
    h.apply(
        Environments.withSecretEnv(
            Environments.bookings("qa", h.repositoryUri(), "v1"), "DSN", "bookings-qa-db", "dsn"));

    EnvironmentStatus waiting =
        h.awaitStatus(
            "qa",
            s ->
                s.condition("Ready")
                    .map(c -> "SecretNotFound".equals(c.getReason()))
                    .orElse(false));
    assertThat(waiting.condition("Ready").orElseThrow().getMessage())
        .contains("bookings-qa-db", "dsn");
    assertThat(h.lightsail().calls()).isEmpty();

    h.secret("bookings-qa-db", "dsn", DSN);
    h.awaitStatus("qa", s -> s.getPhase() == Phase.Ready);
  }

  private String served(String variable) {
    return h.lightsail()
        .service("qa-service")
        .orElseThrow()
        .currentDeployment()
        .orElseThrow()
        .containers()
        .get("qa")
        .environment()
        .get(variable);
  }
}
