package dev.envops.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The bad-input corpus: Environments that are valid but for one fault (missing fields, wrong types,
 * bad names, out-of-range numbers, oversized values, unknown Secrets, contradictions), so that an
 * operator that let one through would make cloud calls for it.
 */
final class BadSpecs {

  /** Characters in the oversized env value: 100 KiB. */
  static final int BIG_VALUE = 100 * 1024;

  private final String repository;
  private final String takenServiceName;
  private final String prefix;
  private final List<BadSpec> corpus = new ArrayList<>();

  private BadSpecs(String repository, String takenServiceName, String prefix) {
    this.repository = repository;
    this.takenServiceName = takenServiceName;
    this.prefix = prefix;
  }

  /**
   * The corpus, named {@code prefix-00}...; each is otherwise valid: its image tag is its own name
   * (push it, so that an item let through costs an ECR call of its own), and its service is named
   * after it, except where the service name is the fault ({@code takenServiceName} belongs to a
   * valid Environment of the fleet).
   */
  static List<BadSpec> corpus(String repository, String takenServiceName, String prefix) {
    BadSpecs specs = new BadSpecs(repository, takenServiceName, prefix);
    specs.build();
    return List.copyOf(specs.corpus);
  }

  private void build() {
    // Missing fields
    add("no spec", "spec", o -> o.remove("spec"));
    add("empty spec", "spec.image", o -> o.put("spec", new LinkedHashMap<>()));
    add("no image", "spec.image", o -> remove(o, "spec.image"));
    add("no image.repository", "spec.image.repository", o -> remove(o, "spec.image.repository"));
    add("no image.tag", "spec.image.tag", o -> remove(o, "spec.image.tag"));
    add("no lightsail", "spec.lightsail", o -> remove(o, "spec.lightsail"));
    add("no region", "spec.lightsail.region", o -> remove(o, "spec.lightsail.region"));
    add(
        "no serviceName",
        "spec.lightsail.serviceName",
        o -> remove(o, "spec.lightsail.serviceName"));
    add(
        "no containerName",
        "spec.lightsail.containerName",
        o -> remove(o, "spec.lightsail.containerName"));
    add(
        "no containerPort",
        "spec.lightsail.containerPort",
        o -> remove(o, "spec.lightsail.containerPort"));

    // Bad names
    add(
        "serviceName with uppercase and _",
        "spec.lightsail.serviceName",
        o -> set(o, "spec.lightsail.serviceName", "Bookings_Service"));
    add(
        "serviceName of 64 characters",
        "spec.lightsail.serviceName",
        o -> set(o, "spec.lightsail.serviceName", "s" + "x".repeat(63)));
    add(
        "serviceName of another Environment",
        "spec.lightsail.serviceName",
        o -> set(o, "spec.lightsail.serviceName", takenServiceName));
    add(
        "another's serviceName + Delete policy",
        "spec.lightsail.serviceName",
        o -> {
          set(o, "spec.lightsail.serviceName", takenServiceName);
          set(o, "spec.lightsail.deletionPolicy", "Delete");
        });
    add(
        "containerName with _",
        "spec.lightsail.containerName",
        o -> set(o, "spec.lightsail.containerName", "my_app"));
    add(
        "containerName uppercase",
        "spec.lightsail.containerName",
        o -> set(o, "spec.lightsail.containerName", "Bookings"));
    add(
        "region not region-shaped",
        "spec.lightsail.region",
        o -> set(o, "spec.lightsail.region", "us-east"));
    add(
        "region-shaped but no AWS region",
        "spec.lightsail.region",
        o -> set(o, "spec.lightsail.region", "zz-nowhere-9"));
    add(
        "repository not an ECR URI",
        "spec.image.repository",
        o -> set(o, "spec.image.repository", "docker.io/library/nginx"));
    add(
        "repository in another region than the service",
        "spec.image.repository",
        o ->
            set(
                o,
                "spec.image.repository",
                repository.replaceFirst("\\.dkr\\.ecr\\.[a-z0-9-]+\\.", ".dkr.ecr.eu-west-1.")));
    add("tag with spaces", "spec.image.tag", o -> set(o, "spec.image.tag", "v 1.2"));
    add(
        "env name with - and leading digit",
        "spec.lightsail.env.1BAD-NAME",
        o -> env(o).put("1BAD-NAME", "x"));
    add(
        "envFrom name with -",
        "spec.lightsail.envFrom[0].name",
        o -> envFrom(o, "BAD-NAME", BenchWorld.TOKEN_SECRET, "token"));
    add(
        "envFrom Secret name not a Secret name",
        "spec.lightsail.envFrom[0].secretKeyRef.name",
        o -> envFrom(o, "DSN", "Bad_Secret", "dsn"));
    add(
        "requireReadyIn not an object name",
        "spec.promotion.requireReadyIn",
        o -> set(o, "spec.promotion.requireReadyIn", "Bookings_QA"));

    // Out of range
    add(
        "containerPort 0",
        "spec.lightsail.containerPort",
        o -> set(o, "spec.lightsail.containerPort", 0));
    add(
        "containerPort 70000",
        "spec.lightsail.containerPort",
        o -> set(o, "spec.lightsail.containerPort", 70000));
    add("scale 0", "spec.lightsail.scale", o -> set(o, "spec.lightsail.scale", 0));
    add("scale 21", "spec.lightsail.scale", o -> set(o, "spec.lightsail.scale", 21));
    add("unknown power", "spec.lightsail.power", o -> set(o, "spec.lightsail.power", "huge"));
    add(
        "unknown deletionPolicy",
        "spec.lightsail.deletionPolicy",
        o -> set(o, "spec.lightsail.deletionPolicy", "Destroy"));
    add(
        "healthCheck interval 1 s",
        "spec.lightsail.healthCheck.intervalSeconds",
        o -> set(o, "spec.lightsail.healthCheck.intervalSeconds", 1));
    add(
        "healthCheck path without /",
        "spec.lightsail.healthCheck.path",
        o -> set(o, "spec.lightsail.healthCheck.path", "health"));
    add(
        "healthCheck successCodes up to 600",
        "spec.lightsail.healthCheck.successCodes",
        o -> set(o, "spec.lightsail.healthCheck.successCodes", "200-600"));
    add(
        "healthCheck successCodes not codes",
        "spec.lightsail.healthCheck.successCodes",
        o -> set(o, "spec.lightsail.healthCheck.successCodes", "ok"));

    // Oversized
    add(
        "env value of 100 KiB",
        "spec.lightsail.env.BIG",
        o -> env(o).put("BIG", "x".repeat(BIG_VALUE)));
    add("gitRef of 64 KiB", "spec.gitRef", o -> set(o, "spec.gitRef", "g".repeat(64 * 1024)));
    add(
        "500 env variables",
        "spec.lightsail.env",
        o -> {
          for (int i = 0; i < 500; i++) {
            env(o).put("VAR_" + i, "v");
          }
        });
    add(
        "200 envFrom entries",
        "spec.lightsail.envFrom",
        o -> {
          for (int i = 0; i < 200; i++) {
            envFrom(o, "SECRET_" + i, BenchWorld.TOKEN_SECRET, "token");
          }
        });

    // Secrets and cross-field rules
    addReason(
        "envFrom Secret that does not exist",
        "spec.lightsail.envFrom[0].secretKeyRef",
        "SecretNotFound",
        o -> envFrom(o, "DSN", "no-such-secret", "dsn"));
    add(
        "envFrom without key",
        "spec.lightsail.envFrom[0].secretKeyRef.key",
        o -> {
          envFrom(o, "DSN", "bookings-db", "dsn");
          remove(o, "spec.lightsail.envFrom[0].secretKeyRef.key");
        });
    add(
        "envFrom name also in env",
        "spec.lightsail.envFrom[0].name",
        o -> envFrom(o, "LISTEN", BenchWorld.TOKEN_SECRET, "token"));
    add(
        "promoteFrom equal to branch",
        "spec.database.promoteFrom",
        o -> {
          database(o);
          set(o, "spec.database.promoteFrom", "main");
        });
    add(
        "promoteFrom without token Secret",
        "spec.database.serviceTokenSecretRef",
        o -> {
          database(o);
          remove(o, "spec.database.serviceTokenSecretRef");
        });
    addReason(
        "token Secret that does not exist",
        "spec.database.serviceTokenSecretRef",
        "ServiceTokenNotFound",
        o -> {
          database(o);
          set(o, "spec.database.serviceTokenSecretRef.name", "no-such-token");
        });
    add(
        "database without branch",
        "spec.database.branch",
        o -> {
          database(o);
          remove(o, "spec.database.branch");
        });
    add(
        "requireReadyIn naming itself",
        "spec.promotion.requireReadyIn",
        o -> set(o, "spec.promotion.requireReadyIn", name(o)));

    // Wrong types
    add(
        "containerPort \"eighty\"",
        "spec.lightsail.containerPort",
        o -> set(o, "spec.lightsail.containerPort", "eighty"));
    add("scale \"two\"", "spec.lightsail.scale", o -> set(o, "spec.lightsail.scale", "two"));
    add("env as a list", "spec.lightsail.env", o -> set(o, "spec.lightsail.env", List.of("A=1")));
    add(
        "envFrom as an object",
        "spec.lightsail.envFrom",
        o -> set(o, "spec.lightsail.envFrom", Map.of("name", "DSN")));
    add("image as a string", "spec.image", o -> set(o, "spec.image", repository + ":" + name(o)));
    add("suspend \"yes\"", "spec.suspend", o -> set(o, "spec.suspend", "yes"));
    add("spec as a string", "spec", o -> o.put("spec", "image: " + repository));
  }

  private void add(String what, String field, Consumer<Map<String, Object>> fault) {
    addReason(what, field, BadSpec.INVALID_SPEC, fault);
  }

  private void addReason(
      String what, String field, String reason, Consumer<Map<String, Object>> fault) {
    String name = String.format("%s-%02d", prefix, corpus.size());
    Map<String, Object> object = valid(name);
    fault.accept(object);
    corpus.add(new BadSpec(name, what, object, field, reason));
  }

  /** A valid Environment named {@code name} whose service is named after it. */
  private Map<String, Object> valid(String name) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", "envops.dev/v1alpha1");
    object.put("kind", "Environment");
    object.put("metadata", map("name", name, "namespace", BenchWorld.NAMESPACE));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("gitRef", "main");
    spec.put("image", map("repository", repository, "tag", name));
    Map<String, Object> lightsail = new LinkedHashMap<>();
    lightsail.put("region", "us-east-1");
    lightsail.put("serviceName", name);
    lightsail.put("containerName", "app");
    lightsail.put("containerPort", 8080);
    lightsail.put("healthCheck", map("path", "/"));
    lightsail.put("scale", 1);
    lightsail.put("env", map("LISTEN", "0.0.0.0:8080"));
    spec.put("lightsail", lightsail);
    object.put("spec", spec);
    return object;
  }

  private static void database(Map<String, Object> o) {
    set(o, "spec.database.organization", BenchWorld.ORG);
    set(o, "spec.database.name", BenchWorld.database(0));
    set(o, "spec.database.branch", "main");
    set(o, "spec.database.promoteFrom", "dev");
    set(o, "spec.database.serviceTokenSecretRef.name", BenchWorld.TOKEN_SECRET);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> env(Map<String, Object> o) {
    return (Map<String, Object>) get(o, "spec.lightsail.env");
  }

  @SuppressWarnings("unchecked")
  private static void envFrom(Map<String, Object> o, String name, String secret, String key) {
    Map<String, Object> lightsail = (Map<String, Object>) get(o, "spec.lightsail");
    List<Object> list = (List<Object>) lightsail.computeIfAbsent("envFrom", k -> new ArrayList<>());
    list.add(map("name", name, "secretKeyRef", map("name", secret, "key", key)));
  }

  @SuppressWarnings("unchecked")
  private static String name(Map<String, Object> o) {
    return (String) ((Map<String, Object>) o.get("metadata")).get("name");
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** Sets a dotted path ({@code a.b[0].c}), creating the objects on the way. */
  @SuppressWarnings("unchecked")
  static void set(Map<String, Object> o, String path, Object value) {
    String[] parts = path.split("\\.");
    Map<String, Object> at = o;
    for (int i = 0; i < parts.length - 1; i++) {
      at = (Map<String, Object>) step(at, parts[i], true);
    }
    at.put(parts[parts.length - 1], value);
  }

  @SuppressWarnings("unchecked")
  static void remove(Map<String, Object> o, String path) {
    int dot = path.lastIndexOf('.');
    ((Map<String, Object>) get(o, path.substring(0, dot))).remove(path.substring(dot + 1));
  }

  @SuppressWarnings("unchecked")
  static Object get(Map<String, Object> o, String path) {
    Object at = o;
    for (String part : path.split("\\.")) {
      at = step((Map<String, Object>) at, part, false);
    }
    return at;
  }

  @SuppressWarnings("unchecked")
  private static Object step(Map<String, Object> at, String part, boolean create) {
    int bracket = part.indexOf('[');
    if (bracket < 0) {
      return create ? at.computeIfAbsent(part, k -> new LinkedHashMap<>()) : at.get(part);
    }
    List<Object> list = (List<Object>) at.get(part.substring(0, bracket));
    return list.get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
  }
}
