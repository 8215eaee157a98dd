package dev.envops.operator.events;

import dev.envops.operator.environment.Environment;

/** Records Kubernetes Events about an Environment. Messages must never carry secret values. */
public interface EventRecorder {

  /** Records an event of {@code type} (Normal or Warning). Never throws. */
  void record(Environment environment, String type, String reason, String message);
}
