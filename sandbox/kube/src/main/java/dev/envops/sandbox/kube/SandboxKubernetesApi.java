package dev.envops.sandbox.kube;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory Kubernetes API on 127.0.0.1 that kubectl can use: the fabric8 mock server in CRUD
 * mode behind a front that serves discovery, Table output, chunked watches and patch translation.
 */
public final class SandboxKubernetesApi implements AutoCloseable {

  /** The namespace the written kubeconfig and {@link #client()} default to. */
  public static final String DEFAULT_NAMESPACE = "default";

  /** Held so the level sticks: the mock logs every request at INFO through java.util.logging. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

  private final KubernetesMockServer mock;
  private final KubernetesClient client;
  private final Backend backend;
  private final HttpServer front;
  private final ExecutorService threads;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong discardedRequests = new AtomicLong();

  private SandboxKubernetesApi(int port) throws IOException {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    mock =
        new DefaultNamespaceMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    mock.init(loopback, 0);
    client = mock.createClient();
    backend = new Backend(mock.url("/"));
    Clock clock = Clock.systemUTC();
    CrdCatalog crds = new CrdCatalog(client);
    front = HttpServer.create(new InetSocketAddress(loopback, port), 64);
    Discovery discovery = new Discovery(crds, () -> "127.0.0.1:" + front.getAddress().getPort());
    threads = Executors.newCachedThreadPool(daemonThreads());
    front.setExecutor(threads);
    front.createContext(
        "/",
        new FrontHandler(
            backend,
            discovery,
            crds,
            new CrdStatus(client, clock),
            new WatchRelay(backend, running::get),
            clock));
    front.start();
    threads.execute(this::discardRecordedRequests);
  }

  /**
   * The mock keeps every request it served in an unbounded queue for test assertions; in a sandbox
   * that runs for hours that queue would only grow.
   */
  private void discardRecordedRequests() {
    try {
      while (running.get()) {
        if (mock.takeRequest(500, TimeUnit.MILLISECONDS) != null) {
          discardedRequests.incrementAndGet();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How many recorded requests were dropped (for tests of this module). */
  long discardedRequests() {
    return discardedRequests.get();
  }

  /** The mock behind the front (for tests of this module). */
  KubernetesMockServer mock() {
    return mock;
  }

  /** Starts on a free port of 127.0.0.1. */
  public static SandboxKubernetesApi start() {
    return start(0);
  }

  /** Starts on the given port of 127.0.0.1 (0 for a free one). */
  public static SandboxKubernetesApi start(int port) {
    try {
      return new SandboxKubernetesApi(port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox Kubernetes API", e);
    }
  }

  /** The URL kubectl talks to, e.g. {@code http://127.0.0.1:40123}. */
  public String url() {
    return "http://127.0.0.1:" + front.getAddress().getPort();
  }

  /**
   * A client for users in this JVM (the operator, tests). It talks to the mock server directly,
   * with WebSocket watches, and is closed by {@link #close()}; do not close it yourself.
   */
  public KubernetesClient client() {
    return client;
  }

  /** The fabric8 client configuration of {@link #client()}, to build further clients from. */
  public Config clientConfig() {
    return new ConfigBuilder(client.getConfiguration()).build();
  }

  /** Installs (or replaces) a CRD from YAML; its kinds then appear in discovery with columns. */
  public CustomResourceDefinition installCrd(Path crdYaml) {
    try (InputStream in = Files.newInputStream(crdYaml)) {
      CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
      crd.setStatus(null);
      crd.getMetadata().setResourceVersion(null);
      var resource = client.apiextensions().v1().customResourceDefinitions().resource(crd);
      if (resource.get() == null) {
        resource.create();
      } else {
        resource.update();
      }
      new CrdStatus(client, Clock.systemUTC()).markEstablished(crd.getMetadata().getName());
      return client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .get();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRD " + crdYaml, e);
    }
  }

  /** Writes a kubeconfig for kubectl (context {@code envops-sandbox}, no credentials). */
  public Path writeKubeconfig(Path file) {
    return KubeconfigWriter.write(file, url(), DEFAULT_NAMESPACE);
  }

  @Override
  public void close() {
    running.set(false);
    front.stop(0);
    threads.shutdownNow();
    client.close();
    backend.close();
    mock.destroy();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "sandbox-kube-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The fabric8 mock, with its client defaulting to the {@code default} namespace. */
  private static final class DefaultNamespaceMockServer extends KubernetesMockServer {

    DefaultNamespaceMockServer(
        Context context,
        MockWebServer server,
        HashMap<
                io.fabric8.mockwebserver.ServerRequest,
                java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>
            responses,
        KubernetesCrudDispatcher dispatcher,
        boolean useHttps) {
      super(context, server, responses, dispatcher, useHttps);
    }

    @Override
    protected Config initConfig() {
      return new ConfigBuilder(super.initConfig()).withNamespace(DEFAULT_NAMESPACE).build();
    }
  }
}
