package dev.envops.sandbox.aws;

import com.sun.net.httpserver.HttpServer;
import dev.envops.sandbox.ecr.EcrSimulator;
import dev.envops.sandbox.lightsail.LightsailSimulator;
import dev.envops.sandbox.sts.StsSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** One HTTP server answering Lightsail and ECR (X-Amz-Target routes) and STS (query protocol). */
public final class AwsSimulator implements AutoCloseable {

  /** The account every simulated resource belongs to. */
  public static final String ACCOUNT_ID = "123456789012";

  /** Region used when a request carries no SigV4 credential scope. */
  public static final String DEFAULT_REGION = "us-east-1";

  private final HttpServer server;
  private final ExecutorService executor;
  private final LightsailSimulator lightsail;
  private final EcrSimulator ecr;
  private final AwsAccounts accounts;
  private final StsSimulator sts;

  private AwsSimulator(
      HttpServer server,
      ExecutorService executor,
      LightsailSimulator lightsail,
      EcrSimulator ecr,
      AwsAccounts accounts,
      StsSimulator sts) {
    this.server = server;
    this.executor = executor;
    this.lightsail = lightsail;
    this.ecr = ecr;
    this.accounts = accounts;
    this.sts = sts;
  }

  /** Starts on 127.0.0.1 and a free port. */
  public static AwsSimulator start() {
    return start(0);
  }

  /** Starts on 127.0.0.1 and {@code port} (0 for a free one). */
  public static AwsSimulator start(int port) {
    EcrSimulator ecr = new EcrSimulator(DEFAULT_REGION, new IamPrincipals());
    AwsAccounts accounts = new AwsAccounts();
    StsSimulator sts = new StsSimulator(accounts, Clock.systemUTC());
    LightsailSimulator lightsail = new LightsailSimulator(ecr);
    HttpServer server;
    try {
      server =
          dev.envops.sandbox.http.LoopbackHttpServers.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      lightsail.close();
      throw new UncheckedIOException("cannot bind the AWS simulator to port " + port, e);
    }
    // A thread per concurrent call: injected latency is a sleep, and a fixed pool would queue
    // calls behind it and report the pool's limit as the client's.
    ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
    server.setExecutor(executor);
    server.createContext(
        "/",
        new AwsHttpHandler(
            Map.of(lightsail.targetPrefix(), lightsail, ecr.targetPrefix(), ecr),
            DEFAULT_REGION,
            accounts,
            sts));
    server.start();
    return new AwsSimulator(server, executor, lightsail, ecr, accounts, sts);
  }

  /** {@code http://127.0.0.1:PORT}, for the SDK's {@code endpointOverride}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Which account each access key acts in: register a key to simulate a second account (keys nobody
   * registered act in {@link #ACCOUNT_ID}).
   */
  public AwsAccounts accounts() {
    return accounts;
  }

  /** STS {@code AssumeRole}: the roles that may be assumed and the keys it handed out. */
  public StsSimulator sts() {
    return sts;
  }

  public LightsailSimulator lightsail() {
    return lightsail;
  }

  public EcrSimulator ecr() {
    return ecr;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    lightsail.close();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "aws-simulator-http-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
