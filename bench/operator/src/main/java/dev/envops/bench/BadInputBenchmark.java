package dev.envops.bench;

import dev.envops.bench.BadOutcome.Gate;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.Phase;
import dev.envops.sandbox.lightsail.ContainerServiceSnapshot;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bad input: with a valid fleet Ready and idle, a corpus of malformed Environments is created on
 * the real kube-apiserver: what the CRD schema rejects (422) is never stored and must name its
 * field; every stored item must end with a condition naming its field and no cloud call; the valid
 * fleet must stay Ready and still roll out a tag bump. (Objects stored under an older, looser
 * schema are covered by the operator's MalformedEnvironmentTest.)
 */
final class BadInputBenchmark {

  static final String CRD_VERSION = "v1alpha1";
  private static final ResourceDefinitionContext ENVIRONMENTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("envops.dev")
          .withVersion(CRD_VERSION)
          .withKind("Environment")
          .withPlural("environments")
          .withNamespaced(true)
          .build();
  private static final Duration CONDITION_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration BUMP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration QUIET = Duration.ofSeconds(5);
  private static final int BUMPED = 0;

  private final BenchWorld world;
  private final OperatorProcess operator;
  private final Report report;

  BadInputBenchmark(BenchWorld world, OperatorProcess operator, Report report) {
    this.world = world;
    this.operator = operator;
    this.report = report;
  }

  void run() throws Exception {
    BenchOptions o = world.options();
    long start = System.nanoTime();
    world.createFleet();
    Duration first = Convergence.awaitRound(world, operator, 0, start, Duration.ofMinutes(30));
    report.figure(
        "valid fleet Ready", o.environments() + " Environments in " + Durations.seconds(first));
    awaitQuiet();

    String repository = world.aws().ecr().repositoryUri(BenchWorld.repository(0));
    String taken = "svc-" + String.format("%04d", BUMPED);
    phase("through the CRD schema", BadSpecs.corpus(repository, taken, "bad"));
    bump("with the corpus in place", "bump-gated");
    awaitQuiet();
    deleteCorpus(taken);
    report.figure(
        "operator process",
        operator.alive()
            ? "alive, started " + operator.starts() + " time(s)"
            : "EXITED (see " + world.workDir().resolve("operator.log") + ")");
  }

  /**
   * Creates {@code items} while the fleet is idle, waits for each stored one's condition, and
   * counts every cloud call made meanwhile.
   */
  private List<BadOutcome> phase(String title, List<BadSpec> items) throws Exception {
    System.out.printf("%n-- %s: %d items --%n", title, items.size());
    for (BadSpec item : items) {
      world.aws().ecr().pushImage(BenchWorld.repository(0), item.name());
    }
    CloudCalls before = CloudCalls.take(world);
    long start = System.nanoTime();
    Map<String, BadOutcome> outcomes = new HashMap<>();
    Map<String, BadSpec> stored = new LinkedHashMap<>();
    Map<String, Long> storedAt = new HashMap<>();
    for (BadSpec item : items) {
      Map<String, Object> object = item.object();
      try {
        world
            .client()
            .genericKubernetesResources(ENVIRONMENTS)
            .inNamespace(BenchWorld.NAMESPACE)
            .resource(
                Serialization.jsonMapper().convertValue(object, GenericKubernetesResource.class))
            .create();
        stored.put(item.name(), item);
        storedAt.put(item.name(), System.nanoTime());
      } catch (KubernetesClientException e) {
        if (e.getCode() == 422) {
          String said = e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
          outcomes.put(
              item.name(),
              BadOutcome.schema(
                  item, "rejected by the CRD schema: " + said, said.contains(item.field())));
        } else {
          outcomes.put(
              item.name(),
              new BadOutcome(
                  item,
                  Gate.REFUSED,
                  "refused by the API: HTTP " + e.getCode(),
                  false,
                  Duration.ZERO));
        }
      }
    }
    awaitConditions(stored, storedAt, start, outcomes);
    // Passes retried on the short timer (a missing Secret: ENVOPS_SLOW_RETRY, 5 s) run once more
    // inside the window.
    Thread.sleep(6_000);
    Duration window = Duration.ofNanos(System.nanoTime() - start);
    CloudCalls calls = CloudCalls.take(world).since(before);
    List<String> services =
        world.aws().lightsail().services().stream()
            .map(ContainerServiceSnapshot::name)
            .filter(n -> items.stream().anyMatch(i -> n.equals(i.name())))
            .toList();

    List<BadOutcome> ordered = items.stream().map(i -> outcomes.get(i.name())).toList();
    printTable(ordered);
    summarize(title, ordered, window, calls, services);
    return ordered;
  }

  /** Waits for each stored item's condition; its time counts from its own create call. */
  private void awaitConditions(
      Map<String, BadSpec> stored,
      Map<String, Long> storedAt,
      long start,
      Map<String, BadOutcome> outcomes)
      throws InterruptedException {
    Map<String, String> lastSaid = new HashMap<>();
    long deadline = start + CONDITION_TIMEOUT.toNanos();
    while (stored.keySet().stream().anyMatch(n -> !outcomes.containsKey(n))
        && System.nanoTime() < deadline) {
      for (GenericKubernetesResource r : listEnvironments()) {
        BadSpec item = stored.get(r.getMetadata().getName());
        if (item == null || outcomes.containsKey(item.name())) {
          continue;
        }
        Optional<Map<?, ?>> ready = readyCondition(r);
        if (ready.isEmpty()) {
          continue;
        }
        String reason = String.valueOf(ready.get().get("reason"));
        String message = String.valueOf(ready.get().get("message"));
        String said = reason + ": " + message;
        lastSaid.put(item.name(), said);
        if ("False".equals(ready.get().get("status"))
            && reason.equals(item.reason())
            && message.contains(item.field() + ":")) {
          outcomes.put(
              item.name(),
              new BadOutcome(
                  item,
                  Gate.OPERATOR,
                  said,
                  true,
                  Duration.ofNanos(System.nanoTime() - storedAt.get(item.name()))));
        }
      }
      Thread.sleep(100);
    }
    stored.forEach(
        (name, item) ->
            outcomes.computeIfAbsent(
                name,
                n ->
                    new BadOutcome(
                        item,
                        Gate.NONE,
                        lastSaid.getOrDefault(n, "no Ready condition"),
                        false,
                        CONDITION_TIMEOUT)));
  }

  private void printTable(List<BadOutcome> outcomes) {
    String format = "  %-7s %-38s %-9s %-4s %-42s %s%n";
    System.out.printf(format, "item", "fault", "gate", "ok", "field", "said");
    for (BadOutcome out : outcomes) {
      String gate =
          switch (out.gate()) {
            case SCHEMA -> "schema";
            case OPERATOR -> "operator";
            case NONE -> "operator";
            case REFUSED -> "API";
          };
      String said = out.said();
      if (out.gate() == Gate.OPERATOR) {
        said = said + " (" + Durations.seconds(out.after()) + ")";
      }
      System.out.printf(
          format,
          out.spec().name(),
          out.spec().what(),
          gate,
          out.named() ? "yes" : "NO",
          out.spec().field(),
          said.length() > 110 ? said.substring(0, 107) + "..." : said);
    }
  }

  private void summarize(
      String title,
      List<BadOutcome> outcomes,
      Duration window,
      CloudCalls calls,
      List<String> services) {
    long schema = outcomes.stream().filter(o -> o.gate() == Gate.SCHEMA).count();
    long schemaNamed = outcomes.stream().filter(o -> o.gate() == Gate.SCHEMA && o.named()).count();
    long refused = outcomes.stream().filter(o -> o.gate() == Gate.REFUSED).count();
    long stored = outcomes.size() - schema - refused;
    List<BadOutcome> byOperator = outcomes.stream().filter(o -> o.gate() == Gate.OPERATOR).toList();
    report.figure(
        title + ": corpus",
        String.format(
            "%d items: %d rejected by the CRD schema, %d stored%s",
            outcomes.size(),
            schema,
            stored,
            refused > 0 ? ", " + refused + " refused by the API" : ""));
    String operatorTimes =
        byOperator.isEmpty()
            ? ""
            : ", condition after "
                + ScaleBenchmark.spread(byOperator.stream().map(BadOutcome::after).toList());
    report.figure(
        title + ": field named",
        String.format(
            "%d/%d (CRD schema %d/%d; operator %d/%d%s)",
            schemaNamed + byOperator.size(),
            outcomes.size(),
            schemaNamed,
            schema,
            byOperator.size(),
            stored,
            operatorTimes));
    List<String> missed =
        outcomes.stream()
            .filter(o -> !o.named())
            .map(o -> o.spec().name() + " (" + o.spec().what() + ")")
            .toList();
    if (!missed.isEmpty()) {
      report.figure(title + ": MISSED", String.join(", ", missed));
    }
    String resync = Durations.seconds(world.options().resync());
    report.figure(
        title + ": cloud calls while it was applied",
        String.format(
            "%d (%d writes) in a %s window %s%s",
            calls.total(),
            calls.writes(),
            Durations.seconds(window),
            calls.byOperation(),
            window.compareTo(world.options().resync()) < 0
                ? ""
                : " (window not shorter than the resync period "
                    + resync
                    + ": fleet resyncs count)"));
    report.figure(
        title + ": container services of corpus items",
        services.isEmpty() ? "0" : services.size() + " " + services);
    report.figure(title + ": valid fleet still Ready", fleetReady());
  }

  /** Bumps one valid Environment's tag: it must still roll out with the corpus in place. */
  private void bump(String label, String tag) throws InterruptedException {
    String name = BenchWorld.name(BUMPED);
    long start = System.nanoTime();
    world.soloBump(BUMPED, tag);
    String value;
    try {
      Duration ready =
          Convergence.await(
              () -> Fleet.readyWith(world, Fleet.get(world, name), tag),
              start,
              BUMP_TIMEOUT,
              name + " Ready with " + tag);
      value = Durations.seconds(ready);
    } catch (IllegalStateException e) {
      value = "NOT Ready in " + Durations.seconds(BUMP_TIMEOUT);
    }
    report.figure(label + ": tag bump of " + name + " → Ready", value);
  }

  /**
   * Deletes every stored corpus item (some carry the Delete policy's finalizer, one names the
   * service of a fleet Environment): they must go, deleting no container service.
   */
  private void deleteCorpus(String takenService) throws InterruptedException {
    List<GenericKubernetesResource> corpus =
        listEnvironments().stream()
            .filter(r -> !r.getMetadata().getName().startsWith("env-"))
            .toList();
    CloudCalls before = CloudCalls.take(world);
    long start = System.nanoTime();
    for (GenericKubernetesResource r : corpus) {
      world
          .client()
          .genericKubernetesResources(ENVIRONMENTS)
          .inNamespace(BenchWorld.NAMESPACE)
          .withName(r.getMetadata().getName())
          .delete();
    }
    String gone;
    try {
      Duration took =
          Convergence.await(
              () -> listEnvironments().size() == world.options().environments(),
              start,
              CONDITION_TIMEOUT,
              "the corpus deleted");
      gone = "all " + corpus.size() + " gone in " + Durations.seconds(took);
    } catch (IllegalStateException e) {
      gone =
          (listEnvironments().size() - world.options().environments())
              + " of "
              + corpus.size()
              + " STILL THERE after "
              + Durations.seconds(CONDITION_TIMEOUT);
    }
    CloudCalls calls = CloudCalls.take(world).since(before);
    report.figure(
        "deleting the stored corpus",
        String.format(
            "%s; %d cloud calls %s, %d DeleteContainerService; %s's service %s %s",
            gone,
            calls.total(),
            calls.byOperation(),
            calls.count("lightsail:DeleteContainerService"),
            BenchWorld.name(BUMPED),
            takenService,
            world.aws().lightsail().service(takenService).isPresent() ? "still there" : "DELETED"));
  }

  private String fleetReady() {
    List<Environment> fleet =
        listEnvironments().stream()
            .filter(r -> r.getMetadata().getName().startsWith("env-"))
            .map(r -> Serialization.jsonMapper().convertValue(r, Environment.class))
            .toList();
    long ready =
        fleet.stream()
            .filter(
                e ->
                    e.getStatus() != null
                        && e.getStatus().getPhase() == Phase.Ready
                        && e.getMetadata()
                            .getGeneration()
                            .equals(e.getStatus().getObservedGeneration()))
            .count();
    return ready + "/" + world.options().environments();
  }

  private List<GenericKubernetesResource> listEnvironments() {
    return world
        .client()
        .genericKubernetesResources(ENVIRONMENTS)
        .inNamespace(BenchWorld.NAMESPACE)
        .list()
        .getItems();
  }

  private static Optional<Map<?, ?>> readyCondition(GenericKubernetesResource r) {
    if (!(r.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
        || !(status.get("conditions") instanceof List<?> conditions)) {
      return Optional.empty();
    }
    return conditions.stream()
        .filter(c -> c instanceof Map<?, ?> m && "Ready".equals(m.get("type")))
        .<Map<?, ?>>map(c -> (Map<?, ?>) c)
        .findFirst();
  }

  /** Waits until no simulator received a call for {@link #QUIET}: the fleet's rollout is over. */
  private void awaitQuiet() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    int last = CloudCalls.take(world).total();
    long quietSince = System.nanoTime();
    while (System.nanoTime() - quietSince < QUIET.toNanos()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the fleet did not go quiet in 2 min");
      }
      Thread.sleep(250);
      int now = CloudCalls.take(world).total();
      if (now != last) {
        last = now;
        quietSince = System.nanoTime();
      }
    }
  }
}
