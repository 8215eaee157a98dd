package dev.envops.operator.reconcile;

import dev.envops.operator.environment.Environment;
import dev.envops.operator.planetscale.PlanetScaleBudget;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The Environments the PlanetScale budget turned away, in line per organization: each time the
 * budget frees a slot the next in line is woken, instead of every one coming back on its own timer
 * to be turned away again (23 passes per promotion in a bulk bump) or sleeping past free slots.
 */
final class BudgetWaitingLine extends SimpleInboundEventSource<Environment> {

  /** Name of this event source. */
  static final String NAME = "planetscale-budget-line";

  /** A woken pass not back by then gives its slot to the next in line. */
  static final Duration WOKEN_GRACE = Duration.ofSeconds(10);

  /**
   * Slots each Environment ahead is assumed to take when a turned-away pass's latest turn is
   * estimated: a promotion's pass makes up to three calls, and one more keeps the fallback late.
   */
  private static final int SLOTS_PER_PASS = 4;

  private final PlanetScaleBudget budget;
  private final LongSupplier nanoClock;
  private final Consumer<ResourceID> wake;
  private final Map<String, Line> lines = new ConcurrentHashMap<>();
  private final Map<String, String> lineOf = new ConcurrentHashMap<>();
  private volatile ScheduledExecutorService timer;

  BudgetWaitingLine(PlanetScaleBudget budget) {
    super(NAME);
    this.budget = budget;
    this.nanoClock = System::nanoTime;
    this.wake = this::propagateEvent;
  }

  /**
   * For tests: no timer runs; {@link #dispatch} is called by hand and wakes through {@code wake}.
   */
  BudgetWaitingLine(PlanetScaleBudget budget, LongSupplier nanoClock, Consumer<ResourceID> wake) {
    super(NAME);
    this.budget = budget;
    this.nanoClock = nanoClock;
    this.wake = wake;
  }

  private static final class Line {
    private LinkedHashMap<String, ResourceID> waiting = new LinkedHashMap<>();
    private final Map<String, Long> woken = new HashMap<>();
    private boolean scheduled;
  }

  /**
   * The budget turned {@code env}'s pass away: it waits in its organization's line, at the front
   * when it had been woken for a slot someone else took. Returns how many wait, itself included.
   */
  int join(Environment env, String organization) {
    String uid = env.getMetadata().getUid();
    ResourceID id = ResourceID.fromResource(env);
    Line line = lines.computeIfAbsent(organization, o -> new Line());
    String previous = lineOf.put(uid, organization);
    if (previous != null && !previous.equals(organization)) {
      remove(previous, uid);
    }
    int waiting;
    synchronized (line) {
      boolean wasWoken = line.woken.remove(uid) != null;
      if (wasWoken && !line.waiting.containsKey(uid)) {
        LinkedHashMap<String, ResourceID> front = new LinkedHashMap<>();
        front.put(uid, id);
        front.putAll(line.waiting);
        line.waiting = front;
      } else {
        line.waiting.putIfAbsent(uid, id);
      }
      waiting = line.waiting.size();
    }
    schedule(organization, line, Duration.ZERO);
    return waiting;
  }

  /** The latest a pass {@code waiting}-th in line should come back if no wake reaches it. */
  Duration latestTurn(int waiting, Duration slowRetry) {
    return slowRetry.plus(budget.slotInterval().multipliedBy((long) waiting * SLOTS_PER_PASS));
  }

  /** The Environment got past the budget, failed otherwise, or is gone: it leaves its line. */
  void leave(String uid) {
    String organization = lineOf.remove(uid);
    if (organization != null) {
      remove(organization, uid);
    }
  }

  /** True when the Environment with {@code uid} waits in a line (woken or not). */
  boolean waits(String uid) {
    return lineOf.containsKey(uid);
  }

  private void remove(String organization, String uid) {
    Line line = lines.get(organization);
    if (line != null) {
      synchronized (line) {
        line.waiting.remove(uid);
        line.woken.remove(uid);
      }
    }
  }

  /**
   * Wakes as many of {@code organization}'s line, from the front, as the budget has free slots not
   * already promised to a woken pass that has not come back yet; looks again after one slot's time
   * while some still wait.
   */
  void dispatch(String organization) {
    Line line = lines.get(organization);
    if (line == null) {
      return;
    }
    List<ResourceID> toWake = new ArrayList<>();
    boolean more;
    synchronized (line) {
      line.scheduled = false;
      long now = nanoClock.getAsLong();
      line.woken.values().removeIf(deadline -> deadline - now <= 0);
      int free = budget.freeSlots(organization) - line.woken.size();
      Iterator<Map.Entry<String, ResourceID>> next = line.waiting.entrySet().iterator();
      while (free > 0 && next.hasNext()) {
        Map.Entry<String, ResourceID> first = next.next();
        next.remove();
        line.woken.put(first.getKey(), now + WOKEN_GRACE.toNanos());
        toWake.add(first.getValue());
        free--;
      }
      more = !line.waiting.isEmpty();
    }
    toWake.forEach(wake);
    if (more) {
      schedule(organization, line, budget.slotInterval());
    }
  }

  private void schedule(String organization, Line line, Duration delay) {
    ScheduledExecutorService t = timer;
    if (t == null) {
      return;
    }
    synchronized (line) {
      if (line.scheduled) {
        return;
      }
      line.scheduled = true;
    }
    try {
      t.schedule(() -> dispatch(organization), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stopped) {
      // Stopping: the Environments come back on their own timers.
    }
  }

  @Override
  public void start() throws OperatorException {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, NAME);
              t.setDaemon(true);
              return t;
            });
    super.start();
  }

  @Override
  public void stop() throws OperatorException {
    ScheduledExecutorService t = timer;
    timer = null;
    if (t != null) {
      t.shutdownNow();
    }
    super.stop();
  }
}
