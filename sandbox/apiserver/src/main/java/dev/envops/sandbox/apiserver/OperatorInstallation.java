package dev.envops.sandbox.apiserver;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The operator's side of a cluster as {@code kubectl apply} of the shipped manifests leaves it: the
 * Environment CRD (Established), the {@code envops-operator} ServiceAccount bound to the shipped
 * ClusterRole, and a token of that ServiceAccount for the operator's client.
 */
public final class OperatorInstallation {

  /** The operator's namespace and ServiceAccount, as in {@code operator/k8s/}. */
  public static final String NAMESPACE = "envops-system";

  public static final String SERVICE_ACCOUNT = "envops-operator";

  /** The field manager of the installation's server-side applies. */
  public static final String FIELD_MANAGER = "envops-install";

  /** The ClusterRole reading Secrets, bound only in watched namespaces. */
  public static final String SECRETS_ROLE = "envops-operator-secrets";

  private static final long TOKEN_SECONDS = TimeUnit.DAYS.toSeconds(7);

  private final KubeApiServer server;
  private final Config admin;
  private final String operatorToken;

  private OperatorInstallation(KubeApiServer server, Config admin, String operatorToken) {
    this.server = server;
    this.admin = admin;
    this.operatorToken = operatorToken;
  }

  /**
   * Applies {@code manifests} server-side as the admin (idempotent), waits for the CRD to be
   * Established and requests a ServiceAccount token for the operator.
   */
  public static OperatorInstallation install(KubeApiServer server, OperatorManifests manifests) {
    try (KubernetesClient admin = server.adminClient()) {
      return install(server, admin, manifests, resource -> {});
    }
  }

  /**
   * The same on any cluster {@code admin} may install on (one reached by a kubeconfig): {@code
   * applying} sees each resource just before it is applied, so that a caller can take it off again.
   */
  public static OperatorInstallation install(
      KubernetesClient admin, OperatorManifests manifests, Consumer<HasMetadata> applying) {
    return install(null, admin, manifests, applying);
  }

  /** The resources of {@code manifests}, in apply order. */
  public static List<HasMetadata> resources(KubernetesClient client, OperatorManifests manifests) {
    return manifests.documents().values().stream()
        .flatMap(
            yaml ->
                client
                    .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                    .items()
                    .stream())
        .toList();
  }

  private static OperatorInstallation install(
      KubeApiServer server,
      KubernetesClient admin,
      OperatorManifests manifests,
      Consumer<HasMetadata> applying) {
    for (HasMetadata resource : resources(admin, manifests)) {
      applying.accept(resource);
      admin.resource(resource).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      if (resource instanceof CustomResourceDefinition crd) {
        admin
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(crd.getMetadata().getName())
            .waitUntilCondition(OperatorInstallation::established, 60, TimeUnit.SECONDS);
      }
    }
    TokenRequest request =
        new TokenRequestBuilder()
            .withNewSpec()
            .withExpirationSeconds(TOKEN_SECONDS)
            .endSpec()
            .build();
    String token =
        admin
            .serviceAccounts()
            .inNamespace(NAMESPACE)
            .withName(SERVICE_ACCOUNT)
            .tokenRequest(request)
            .getStatus()
            .getToken();
    return new OperatorInstallation(server, admin.getConfiguration(), token);
  }

  /**
   * Lets the operator read Secrets in {@code namespace} (which must exist): the RoleBinding {@code
   * envops-operator-secrets} of {@code operator/k8s/rbac.yaml}, for another watched namespace.
   */
  public void grantSecrets(String namespace) {
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(admin).build()) {
      client
          .resource(
              new RoleBindingBuilder()
                  .withNewMetadata()
                  .withName(SECRETS_ROLE)
                  .withNamespace(namespace)
                  .endMetadata()
                  .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", SECRETS_ROLE)
                  .addNewSubject()
                  .withKind("ServiceAccount")
                  .withName(SERVICE_ACCOUNT)
                  .withNamespace(NAMESPACE)
                  .endSubject()
                  .build())
          .fieldManager(FIELD_MANAGER)
          .forceConflicts()
          .serverSideApply();
    }
  }

  /** True once the CRD is served; its status may exist before it has any conditions. */
  static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The sandbox's own server; null for a cluster reached by a kubeconfig. */
  public KubeApiServer server() {
    return server;
  }

  /** A new client as the operator's ServiceAccount; the caller closes it. */
  public KubernetesClient operatorClient() {
    return new KubernetesClientBuilder().withConfig(operatorConfig()).build();
  }

  /**
   * The admin's connection (URL, CA, TLS, timeouts) with the token as its only credential: no
   * client certificate, exec plugin or kubeconfig file of the admin's comes along.
   */
  private Config operatorConfig() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(admin.getMasterUrl())
        .withCaCertData(admin.getCaCertData())
        .withCaCertFile(admin.getCaCertFile())
        .withTrustCerts(admin.isTrustCerts())
        .withDisableHostnameVerification(admin.isDisableHostnameVerification())
        .withRequestTimeout(admin.getRequestTimeout())
        .withNamespace(NAMESPACE)
        .withOauthToken(operatorToken)
        .build();
  }

  /** Writes a kubeconfig for the operator's ServiceAccount (context {@code envops-operator}). */
  public Path writeOperatorKubeconfig(Path file) throws IOException {
    String caPem;
    if (admin.getCaCertData() != null) {
      caPem = new String(Base64.getDecoder().decode(admin.getCaCertData()), StandardCharsets.UTF_8);
    } else if (admin.getCaCertFile() != null) {
      caPem = Files.readString(Path.of(admin.getCaCertFile()));
    } else {
      throw new IllegalStateException("the cluster's connection names no CA to write");
    }
    return Kubeconfig.write(
        file, "envops-operator", URI.create(admin.getMasterUrl()), caPem, operatorToken, NAMESPACE);
  }
}
