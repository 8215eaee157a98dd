package dev.envops.sandbox.apiserver;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code kube-apiserver} on etcd, on 127.0.0.1 with TLS (its self-generated CA), static
 * token authentication for the admin ({@code system:masters}), RBAC authorization, ServiceAccount
 * tokens signed by a fresh key, and everything in a temporary directory deleted on close.
 */
public final class KubeApiServer implements AutoCloseable {

  /** The admin user of the static token file. */
  public static final String ADMIN_USER = "envops-admin";

  private static final Logger LOG = LoggerFactory.getLogger(KubeApiServer.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static KubeApiServer shared;

  private final KubeBinaries binaries;
  private final Path dir;
  private final ChildProcess etcd;
  private final ChildProcess apiServer;
  private final URI url;
  private final String caPem;
  private final String adminToken;
  private final Duration startTime;

  private KubeApiServer(
      KubeBinaries binaries,
      Path dir,
      ChildProcess etcd,
      ChildProcess apiServer,
      URI url,
      String caPem,
      String adminToken,
      Duration startTime) {
    this.binaries = binaries;
    this.dir = dir;
    this.etcd = etcd;
    this.apiServer = apiServer;
    this.url = url;
    this.caPem = caPem;
    this.adminToken = adminToken;
    this.startTime = startTime;
  }

  /** Starts a server with the binaries of {@link KubeBinaries#locate()}. */
  public static KubeApiServer start() {
    return start(KubeBinaries.locate());
  }

  /**
   * One server for this JVM, started on first use and stopped when the JVM exits: tests share it
   * and keep apart by namespace.
   */
  public static synchronized KubeApiServer shared() {
    if (shared == null) {
      shared = start();
      KubeApiServer server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "kube-apiserver-stop"));
    }
    return shared;
  }

  /**
   * Starts a server with {@code binaries}; a port taken meanwhile by another process is retried.
   */
  public static KubeApiServer start(KubeBinaries binaries) {
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        return startOnce(binaries);
      } catch (PortTakenException e) {
        last = e;
        LOG.info("a port was taken while starting the API server; trying again");
      }
    }
    throw last;
  }

  private static KubeApiServer startOnce(KubeBinaries binaries) {
    long started = System.nanoTime();
    Path dir;
    try {
      dir = Files.createTempDirectory("envops-kube-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<ChildProcess> children = new ArrayList<>();
    try {
      int[] ports = freePorts(3);
      int etcdPort = ports[0];
      int peerPort = ports[1];
      int securePort = ports[2];
      String etcdUrl = "http://127.0.0.1:" + etcdPort;
      String peerUrl = "http://127.0.0.1:" + peerPort;
      ChildProcess etcd =
          ChildProcess.start(
              "etcd",
              dir.resolve("etcd.log"),
              List.of(
                  binaries.etcd().toString(),
                  "--name=envops",
                  "--data-dir=" + dir.resolve("etcd"),
                  "--listen-client-urls=" + etcdUrl,
                  "--advertise-client-urls=" + etcdUrl,
                  "--listen-peer-urls=" + peerUrl,
                  "--initial-advertise-peer-urls=" + peerUrl,
                  "--initial-cluster=envops=" + peerUrl,
                  // Throw-away data: no fsync makes every write (and so every test) faster.
                  "--unsafe-no-fsync=true",
                  "--log-level=warn"));
      children.add(etcd);
      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      awaitUp(etcd, () -> ok(plain, URI.create(etcdUrl + "/health"), null));

      String adminToken = Secrets.token();
      Secrets.writePrivate(
          dir.resolve("tokens.csv"),
          adminToken + "," + ADMIN_USER + "," + ADMIN_USER + ",\"system:masters\"\n");
      SigningKeys.write(dir.resolve("sa.key"), dir.resolve("sa.pub"));
      Path pki = Files.createDirectories(dir.resolve("pki"));
      ChildProcess apiServer =
          ChildProcess.start(
              "kube-apiserver",
              dir.resolve("kube-apiserver.log"),
              List.of(
                  binaries.kubeApiServer().toString(),
                  "--etcd-servers=" + etcdUrl,
                  "--bind-address=127.0.0.1",
                  "--advertise-address=127.0.0.1",
                  "--secure-port=" + securePort,
                  // No --tls-cert-file: the server generates a CA and a serving cert here.
                  "--cert-dir=" + pki,
                  "--token-auth-file=" + dir.resolve("tokens.csv"),
                  "--authorization-mode=RBAC",
                  "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                  "--service-account-key-file=" + dir.resolve("sa.pub"),
                  "--service-account-signing-key-file=" + dir.resolve("sa.key"),
                  "--service-cluster-ip-range=10.0.0.0/24",
                  // The kubernetes Service's endpoints may not point at loopback; no pod needs it.
                  "--endpoint-reconciler-type=none",
                  "--profiling=false"));
      children.add(apiServer);
      URI url = URI.create("https://127.0.0.1:" + securePort);
      Path servingCert = pki.resolve("apiserver.crt");
      awaitUp(apiServer, () -> Files.isRegularFile(servingCert) && size(servingCert) > 0);
      String caPem = lastCertificate(servingCert);
      HttpClient tls =
          HttpClient.newBuilder()
              .sslContext(trusting(caPem))
              .connectTimeout(Duration.ofSeconds(2))
              .build();
      awaitUp(apiServer, () -> ok(tls, url.resolve("/readyz"), adminToken));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      LOG.info(
          "kube-apiserver ready at {} in {} ms (binaries: {}, data: {})",
          url,
          took.toMillis(),
          binaries,
          dir);
      return new KubeApiServer(binaries, dir, etcd, apiServer, url, caPem, adminToken, took);
    } catch (RuntimeException | IOException e) {
      for (int i = children.size() - 1; i >= 0; i--) {
        children.get(i).stop(5);
      }
      boolean portTaken =
          children.stream().anyMatch(c -> c.logTail(40).contains("address already in use"));
      String logs =
          children.stream()
              .map(c -> "--- " + c.name() + " log (last lines):\n" + c.logTail(25))
              .reduce("", (a, b) -> a + "\n" + b);
      deleteTree(dir);
      if (portTaken) {
        throw new PortTakenException(logs);
      }
      throw new IllegalStateException(
          "kube-apiserver did not start (binaries: " + binaries + "): " + e.getMessage() + logs, e);
    }
  }

  /** The API server's URL, {@code https://127.0.0.1:PORT}. */
  public URI url() {
    return url;
  }

  /** How long the start took (etcd, then the API server until {@code /readyz} answered ok). */
  public Duration startTime() {
    return startTime;
  }

  public KubeBinaries binaries() {
    return binaries;
  }

  /** A fabric8 configuration for a bearer token (no kubeconfig or environment is read). */
  public Config config(String token) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url.toString())
        .withCaCertData(
            java.util.Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)))
        .withOauthToken(token)
        .withNamespace("default")
        // fabric8's 10 s default failed the scale bench: listing 1,000 Environments (statuses,
        // managedFields) on 2 busy cores took longer.
        .withRequestTimeout(60_000)
        .build();
  }

  /** A new client as the admin ({@code system:masters}); the caller closes it. */
  public KubernetesClient adminClient() {
    return client(adminToken);
  }

  /** A new client presenting {@code token}; the caller closes it. */
  public KubernetesClient client(String token) {
    return new KubernetesClientBuilder().withConfig(config(token)).build();
  }

  /** Writes a kubeconfig for the admin, context {@code envops-sandbox}. */
  public Path writeAdminKubeconfig(Path file, String namespace) throws IOException {
    return Kubeconfig.write(file, "envops-sandbox", url, caPem, adminToken, namespace);
  }

  /** Writes a kubeconfig presenting {@code token} in context {@code context}. */
  public Path writeKubeconfig(Path file, String context, String token, String namespace)
      throws IOException {
    return Kubeconfig.write(file, context, url, caPem, token, namespace);
  }

  @Override
  public synchronized void close() {
    if (!apiServer.isAlive() && !etcd.isAlive() && !Files.exists(dir)) {
      return;
    }
    apiServer.stop(20);
    etcd.stop(10);
    deleteTree(dir);
  }

  private static boolean ok(HttpClient http, URI uri, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void awaitUp(ChildProcess process, BooleanSupplier up) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!up.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(process.name() + " exited during start");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            process.name() + " not ready after " + START_TIMEOUT.toSeconds() + " s");
      }
      try {
        // Polling a child process's readiness: there is nothing to be notified by.
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  /** The file holds the serving certificate followed by the CA that signed it. */
  private static String lastCertificate(Path file) throws IOException {
    try {
      byte[] bytes = Files.readAllBytes(file);
      List<? extends Certificate> certs =
          new ArrayList<>(
              CertificateFactory.getInstance("X.509")
                  .generateCertificates(new ByteArrayInputStream(bytes)));
      if (certs.isEmpty()) {
        throw new IOException("no certificate in " + file);
      }
      return SigningKeys.pem("CERTIFICATE", certs.get(certs.size() - 1).getEncoded());
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("unreadable certificate " + file, e);
    }
  }

  private static SSLContext trusting(String caPem) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry(
          "ca",
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException("cannot trust the API server's CA", e);
    }
  }

  private static int[] freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", dir, e.getMessage());
    }
  }

  /** A start that failed because another process took one of the chosen ports. */
  private static final class PortTakenException extends IllegalStateException {
    PortTakenException(String message) {
      super(message);
    }
  }
}
