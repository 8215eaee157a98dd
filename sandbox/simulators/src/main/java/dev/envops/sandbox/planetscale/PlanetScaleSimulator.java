package dev.envops.sandbox.planetscale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.envops.sandbox.fault.Faults;
import dev.envops.sandbox.mariadb.MariaDbServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PlanetScale API simulator on 127.0.0.1: deploy requests and branches over the real REST paths
 * and JSON, with each branch backed by a real MariaDB database so deploy requests diff and apply
 * real schemas. Deploy requests advance through their states on a scheduler of their own.
 */
public final class PlanetScaleSimulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PlanetScaleSimulator.class);
  private static final long TICK_MILLIS = 5;

  private final MariaDbBranches mariaDb;
  private final String databasePrefix;
  private final Map<String, SimulatedDatabase> databases = new ConcurrentHashMap<>();
  private final ServiceTokens tokens = new ServiceTokens();
  private final Faults faults = new Faults();
  private final DeployTimings timings = new DeployTimings();
  private final RateLimit rateLimit = new RateLimit();
  private final DeployLifecycle lifecycle;
  private final PlanetScaleHttpHandler handler;
  private final HttpServer server;
  private final ExecutorService httpThreads;
  private final ScheduledExecutorService scheduler;

  private PlanetScaleSimulator(MariaDbServer mariaDbServer, String databasePrefix, int port)
      throws IOException {
    this.mariaDb = new MariaDbBranches(mariaDbServer);
    this.databasePrefix = databasePrefix;
    this.lifecycle = new DeployLifecycle(mariaDb, timings, Clock.systemUTC());
    ObjectMapper mapper = new ObjectMapper();
    DeployRequestJson json = new DeployRequestJson(mapper);
    this.handler =
        new PlanetScaleHttpHandler(
            mapper,
            tokens,
            faults,
            new DeployRequestApi(databases, lifecycle, json),
            json,
            rateLimit);
    this.server =
        dev.envops.sandbox.http.LoopbackHttpServers.create(
            new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
    // A thread per concurrent call, so injected latency (a sleep) never queues other calls.
    this.httpThreads = Executors.newCachedThreadPool(daemon("planetscale-http"));
    server.setExecutor(httpThreads);
    server.createContext("/", handler);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("planetscale-deploys"));
  }

  /** Starts a simulator on a free port whose branch databases are named {@code <db>__<branch>}. */
  public static PlanetScaleSimulator start(MariaDbServer mariaDbServer) {
    return start(mariaDbServer, "", 0);
  }

  /**
   * Starts a simulator on {@code port} (0 for a free one) whose branch databases are named {@code
   * <databasePrefix><db>__<branch>} (see {@link BranchDatabaseNames}).
   */
  public static PlanetScaleSimulator start(
      MariaDbServer mariaDbServer, String databasePrefix, int port) {
    try {
      PlanetScaleSimulator simulator =
          new PlanetScaleSimulator(mariaDbServer, databasePrefix, port);
      simulator.server.start();
      simulator.scheduler.scheduleWithFixedDelay(
          simulator::advanceAll, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
      LOG.info("PlanetScale simulator listening on {}", simulator.baseUrl());
      return simulator;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The API base URL, e.g. {@code http://127.0.0.1:PORT/v1} (PlanetScale's is {@code
   * https://api.planetscale.com/v1}).
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Creates database {@code db} in {@code org} with an empty production branch {@code main}
   * (MariaDB database dropped and recreated). Replaces any earlier database of that name.
   */
  public void createDatabase(String org, String db) {
    SimulatedDatabase database = new SimulatedDatabase(org, db);
    Branch main = newBranch(database, "main", null, true);
    try {
      mariaDb.recreate(main.mariaDbDatabase());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the MariaDB database for " + db + "/main", e);
    }
    database.branches.put(main.name(), main);
    databases.put(DeployRequestApi.key(org, db), database);
  }

  /** Forgets database {@code db} and drops the MariaDB databases of all its branches. */
  public void deleteDatabase(String org, String db) {
    SimulatedDatabase database = databases.remove(DeployRequestApi.key(org, db));
    if (database == null) {
      return;
    }
    synchronized (database) {
      for (Branch branch : database.branches.values()) {
        try {
          mariaDb.drop(branch.mariaDbDatabase());
        } catch (SQLException e) {
          throw new IllegalStateException("cannot drop " + branch.mariaDbDatabase(), e);
        }
      }
    }
  }

  /** Creates {@code branch} from {@code parentBranch}, copying the parent's schema (no rows). */
  public void createBranch(String org, String db, String branch, String parentBranch) {
    createBranch(org, db, branch, parentBranch, false);
  }

  /**
   * Creates {@code branch} from {@code parentBranch}, copying the schema and, if asked, the rows.
   */
  public void createBranch(
      String org, String db, String branch, String parentBranch, boolean withData) {
    SimulatedDatabase database = database(org, db);
    synchronized (database) {
      if (database.branches.containsKey(branch)) {
        throw new IllegalArgumentException("branch " + branch + " already exists in " + db);
      }
      Branch parent =
          database
              .branch(parentBranch)
              .orElseThrow(() -> new IllegalArgumentException("no branch " + parentBranch));
      Branch child = newBranch(database, branch, parentBranch, false);
      try {
        mariaDb.recreate(child.mariaDbDatabase());
        mariaDb.copySchema(parent.mariaDbDatabase(), child.mariaDbDatabase(), withData);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create branch " + branch + " of " + db, e);
      }
      database.branches.put(branch, child);
    }
  }

  /** The MariaDB database that holds {@code branch}, to connect to and change its schema. */
  public String branchDatabase(String org, String db, String branch) {
    SimulatedDatabase database = database(org, db);
    synchronized (database) {
      return database
          .branch(branch)
          .orElseThrow(() -> new IllegalArgumentException("no branch " + branch + " in " + db))
          .mariaDbDatabase();
    }
  }

  /**
   * Accepts {@code Authorization: <id>:<token>} with these accesses (replaces an earlier token).
   */
  public void addServiceToken(String id, String token, Set<TokenPermission> permissions) {
    tokens.add(id, token, permissions);
  }

  /** Whether deploying needs an approving review (from a token other than the creator's). */
  public void requireApproval(String org, String db, boolean required) {
    SimulatedDatabase database = database(org, db);
    synchronized (database) {
      database.requireApproval = required;
    }
  }

  /**
   * Whether new deploy requests of {@code db} stop at {@code pending_cutover} until {@code
   * apply-deploy} (a create body's {@code auto_cutover} overrides it per request).
   */
  public void gatedCutover(String org, String db, boolean gated) {
    SimulatedDatabase database = database(org, db);
    synchronized (database) {
      database.gatedCutover = gated;
    }
  }

  /**
   * Makes the next deployment of {@code db} that starts end in {@code outcome}: {@link
   * DeployState#ERROR} (while submitting), {@link DeployState#CANCELLED} (while in progress) or
   * {@link DeployState#COMPLETE_ERROR} (at cutover, no DDL applied). Calls queue up.
   */
  public void failNextDeploy(String org, String db, DeployState outcome) {
    if (outcome != DeployState.ERROR
        && outcome != DeployState.CANCELLED
        && outcome != DeployState.COMPLETE_ERROR) {
      throw new IllegalArgumentException("cannot force " + outcome);
    }
    SimulatedDatabase database = database(org, db);
    synchronized (database) {
      database.forcedOutcomes.add(outcome);
    }
  }

  /**
   * Makes the next deploy request of {@code db} with changes fail its deploy checks: {@code error},
   * not deployable, with these lint errors ({@code "CODE: description"}).
   */
  public void lintErrorsNext(String org, String db, List<String> lintErrors) {
    SimulatedDatabase database = database(org, db);
    synchronized (database) {
      database.forcedLintErrors.add(List.copyOf(lintErrors));
    }
  }

  /** Phase durations; change them at any time (a phase already running keeps its end). */
  public DeployTimings timings() {
    return timings;
  }

  /**
   * Answers 429 once a service token has made {@code requestsPerMinute} calls within a sliding
   * minute, as PlanetScale does at 600 (the default); 0 turns the limit off.
   */
  public void rateLimitPerMinute(int requestsPerMinute) {
    rateLimit.limit(requestsPerMinute, Duration.ofMinutes(1));
  }

  /**
   * The same budget over another window: tests scale PlanetScale's 600 a minute down in time (for
   * example 30 per 3 s) rather than in calls per second.
   */
  public void rateLimit(int requests, Duration window) {
    rateLimit.limit(requests, window);
  }

  /** How many calls were refused with 429 by the rate limit (not by injected throttling). */
  public int rateLimitedCount() {
    return handler.rateLimitedCount();
  }

  /** Error rate (500), throttling (429), latency and the after-call hook for every API call. */
  public Faults faults() {
    return faults;
  }

  /**
   * How many calls of {@code operation} (an {@link Operation#apiName()}, or {@code unknown}) the
   * simulator received, whatever their outcome (faults, 4xx and successes all count).
   */
  public int callCount(String operation) {
    return handler.callCount(operation);
  }

  public int callCount(Operation operation) {
    return handler.callCount(operation.apiName());
  }

  public void resetCallCounts() {
    handler.resetCallCounts();
  }

  /** Every deploy request of {@code db}, by number. */
  public List<DeployRequestView> deployRequests(String org, String db) {
    SimulatedDatabase database = database(org, db);
    synchronized (database) {
      return database.deployRequests.values().stream().map(DeployRequestView::of).toList();
    }
  }

  public DeployRequestView deployRequest(String org, String db, long number) {
    SimulatedDatabase database = database(org, db);
    synchronized (database) {
      return DeployRequestView.of(database.requireDeployRequest(number));
    }
  }

  @Override
  public void close() {
    server.stop(0);
    scheduler.shutdownNow();
    httpThreads.shutdownNow();
  }

  private void advanceAll() {
    for (SimulatedDatabase database : databases.values()) {
      try {
        synchronized (database) {
          lifecycle.advance(database);
        }
      } catch (RuntimeException e) {
        LOG.error("Advancing deploy requests of {} failed", database.name, e);
      }
    }
  }

  private SimulatedDatabase database(String org, String db) {
    SimulatedDatabase database = databases.get(DeployRequestApi.key(org, db));
    if (database == null) {
      throw new IllegalArgumentException("no database " + org + "/" + db);
    }
    return database;
  }

  private Branch newBranch(
      SimulatedDatabase database, String name, String parent, boolean production) {
    return new Branch(
        Ids.next(),
        name,
        parent,
        production,
        BranchDatabaseNames.of(databasePrefix, database.name, name),
        lifecycle.now());
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
