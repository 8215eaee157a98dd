package dev.envops.operator.reconcile;

import dev.envops.operator.OperatorHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The order of schema and app as the simulators saw it: every PlanetScale call and each Lightsail
 * deployment, with the columns {@code main.hotels} had at each deployment.
 */
final class CallLog {

  static final String DEPLOYMENT = "CreateContainerServiceDeployment";

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<String> mainColumnsAtDeployment = new CopyOnWriteArrayList<>();

  /** Starts recording on {@code h}'s simulators (their after-call hooks). */
  static CallLog record(OperatorHarness h) {
    CallLog log = new CallLog();
    h.lightsail()
        .faults()
        .afterCall(
            op -> {
              if (op.equals(DEPLOYMENT)) {
                log.calls.add(op);
                try {
                  log.mainColumnsAtDeployment.add(String.join(",", h.columns("main", "hotels")));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
            });
    h.planetScale().faults().afterCall(log.calls::add);
    return log;
  }

  int first(String call) {
    return calls.indexOf(call);
  }

  int last(String call) {
    return new ArrayList<>(calls).lastIndexOf(call);
  }

  boolean contains(String call) {
    return calls.contains(call);
  }

  /** The columns of main.hotels, comma-separated, when the {@code n}th deployment was created. */
  String mainColumnsAtDeployment(int n) {
    return mainColumnsAtDeployment.get(n);
  }
}
