package dev.envops.operator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.envops.operator.Environments;
import dev.envops.operator.OperatorHarness;
import dev.envops.operator.environment.Environment;
import io.fabric8.kubernetes.api.model.Event;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events as the real API server stores them, written by the recorder's own POST. */
class KubernetesEventRecorderTest {

  private OperatorHarness h;
  private KubernetesEventRecorder recorder;

  @BeforeEach
  void setUp() {
    h = OperatorHarness.create();
    recorder = new KubernetesEventRecorder(h.client());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void anEventIsStoredAboutTheEnvironmentWithItsTypeReasonAndMessage() {
    Environment env = h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    String message = "phase Pending -> Deploying: deploying \"v1\"\nline two \u00e9";

    recorder.record(env, "Normal", "Deploying", message);

    List<Event> events = h.events("qa");
    assertThat(events).hasSize(1);
    Event event = events.get(0);
    assertThat(event.getType()).isEqualTo("Normal");
    assertThat(event.getReason()).isEqualTo("Deploying");
    assertThat(event.getMessage()).isEqualTo(message);
    assertThat(event.getCount()).isEqualTo(1);
    assertThat(event.getFirstTimestamp()).isNotBlank().isEqualTo(event.getLastTimestamp());
    assertThat(event.getSource().getComponent()).isEqualTo(KubernetesEventRecorder.COMPONENT);
    assertThat(event.getReportingComponent()).isEqualTo(KubernetesEventRecorder.COMPONENT);
    assertThat(event.getInvolvedObject().getKind()).isEqualTo("Environment");
    assertThat(event.getInvolvedObject().getApiVersion()).isEqualTo("envops.dev/v1alpha1");
    assertThat(event.getInvolvedObject().getNamespace()).isEqualTo(OperatorHarness.NAMESPACE);
    assertThat(event.getInvolvedObject().getUid()).isEqualTo(env.getMetadata().getUid());
    assertThat(event.getInvolvedObject().getResourceVersion())
        .isEqualTo(env.getMetadata().getResourceVersion());
    assertThat(event.getMetadata().getName()).startsWith("qa.");
  }

  @Test
  void eachEventIsItsOwnObject() {
    Environment env = h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));

    recorder.record(env, "Normal", "Deploying", "one");
    recorder.record(env, "Warning", "DeploymentFailed", "two");

    assertThat(h.events("qa"))
        .extracting(Event::getMessage)
        .containsExactlyInAnyOrder("one", "two");
  }

  @Test
  void anEventTheApiServerRefusesIsLoggedNotThrown() {
    Environment env = h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));
    Environment elsewhere = h.get("qa");
    elsewhere.getMetadata().setNamespace("no-such-namespace");

    assertThatNoException()
        .isThrownBy(() -> recorder.record(elsewhere, "Normal", "Deploying", "lost"));
    recorder.record(env, "Normal", "Deploying", "kept");

    assertThat(h.events("qa")).extracting(Event::getMessage).containsExactly("kept");
  }

  @Test
  void anEventWithoutAMessageIsStoredNotThrown() {
    Environment env = h.apply(Environments.bookings("qa", h.repositoryUri(), "v1"));

    assertThatNoException().isThrownBy(() -> recorder.record(env, "Normal", "Deploying", null));

    assertThat(h.events("qa")).extracting(Event::getReason).containsExactly("Deploying");
  }
}
