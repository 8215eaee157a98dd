package dev.envops.operator.plan;

import dev.envops.operator.environment.EnvironmentSpec;
import dev.envops.operator.environment.HealthCheckSpec;
import dev.envops.operator.environment.LightsailSpec;
import dev.envops.operator.environment.SecretEnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The container settings a changed manifest alters against the live one: image, env keys (never
 * values), Secret references, port, health check, power and scale.
 */
final class ContainerChanges {

  private ContainerChanges() {}

  /** One line per change; empty when the container stays as it is. */
  static List<String> between(EnvironmentSpec live, EnvironmentSpec changed) {
    List<String> out = new ArrayList<>();
    field(out, "image repository", repository(live), repository(changed));
    field(out, "image tag", tag(live), tag(changed));
    field(out, "git ref", live == null ? null : live.getGitRef(), changed.getGitRef());
    LightsailSpec a = live == null ? null : live.getLightsail();
    LightsailSpec b = changed.getLightsail();
    if (b == null) {
      return out;
    }
    field(out, "container port", a == null ? null : a.getContainerPort(), b.getContainerPort());
    field(out, "power", a == null ? null : a.getPower(), b.getPower());
    field(out, "scale", a == null ? null : a.getScale(), b.getScale());
    health(out, a == null ? null : a.getHealthCheck(), b.getHealthCheck());
    env(out, a == null ? null : a.getEnv(), b.getEnv());
    envFrom(out, a == null ? null : a.getEnvFrom(), b.getEnvFrom());
    return out;
  }

  private static void health(List<String> out, HealthCheckSpec a, HealthCheckSpec b) {
    field(out, "health check path", a == null ? null : a.getPath(), b == null ? null : b.getPath());
    field(
        out,
        "health check interval",
        a == null ? null : a.getIntervalSeconds(),
        b == null ? null : b.getIntervalSeconds());
    field(
        out,
        "health check timeout",
        a == null ? null : a.getTimeoutSeconds(),
        b == null ? null : b.getTimeoutSeconds());
    field(
        out,
        "health check success codes",
        a == null ? null : a.getSuccessCodes(),
        b == null ? null : b.getSuccessCodes());
  }

  /** Keys only: a value may be a credential someone put in plain env. */
  private static void env(List<String> out, Map<String, String> a, Map<String, String> b) {
    Map<String, String> before = a == null ? Map.of() : a;
    Map<String, String> after = b == null ? Map.of() : b;
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String key : keys) {
      if (!before.containsKey(key)) {
        out.add("env " + key + ": added");
      } else if (!after.containsKey(key)) {
        out.add("env " + key + ": removed");
      } else if (!Objects.equals(before.get(key), after.get(key))) {
        out.add("env " + key + ": value changed");
      }
    }
  }

  private static void envFrom(List<String> out, List<SecretEnvVar> a, List<SecretEnvVar> b) {
    Map<String, String> before = refs(a);
    Map<String, String> after = refs(b);
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String key : keys) {
      if (!before.containsKey(key)) {
        out.add("env " + key + ": added from Secret " + after.get(key));
      } else if (!after.containsKey(key)) {
        out.add("env " + key + ": removed (was Secret " + before.get(key) + ")");
      } else if (!before.get(key).equals(after.get(key))) {
        out.add("env " + key + ": Secret " + before.get(key) + " -> " + after.get(key));
      }
    }
  }

  private static Map<String, String> refs(List<SecretEnvVar> vars) {
    Map<String, String> out = new TreeMap<>();
    if (vars != null) {
      for (SecretEnvVar v : vars) {
        if (v != null && v.getName() != null && v.getSecretKeyRef() != null) {
          out.put(v.getName(), v.getSecretKeyRef().getName() + "/" + v.getSecretKeyRef().getKey());
        }
      }
    }
    return out;
  }

  private static void field(List<String> out, String what, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      out.add(what + ": " + show(before) + " -> " + show(after));
    }
  }

  private static String show(Object value) {
    return value == null ? "(unset)" : String.valueOf(value);
  }

  private static String repository(EnvironmentSpec spec) {
    return spec == null || spec.getImage() == null ? null : spec.getImage().getRepository();
  }

  private static String tag(EnvironmentSpec spec) {
    return spec == null || spec.getImage() == null ? null : spec.getImage().getTag();
  }
}
