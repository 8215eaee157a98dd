package dev.envops.sandbox.apiserver;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
  private final String operatorToken;

  private OperatorInstallation(KubeApiServer server, String operatorToken) {
    this.server = server;
    this.operatorToken = operatorToken;
  }

  /**
   * Applies {@code manifests} server-side as the admin (idempotent), waits for the CRD to be
   * Established and requests a ServiceAccount token for the operator.
   */
  public static OperatorInstallation install(KubeApiServer server, OperatorManifests manifests) {
    try (KubernetesClient admin = server.adminClient()) {
      for (Map.Entry<String, String> doc : manifests.documents().entrySet()) {
        List<HasMetadata> resources =
            admin
                .load(new ByteArrayInputStream(doc.getValue().getBytes(StandardCharsets.UTF_8)))
                .items();
        for (HasMetadata resource : resources) {
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
      return new OperatorInstallation(server, token);
    }
  }

  /**
   * Lets the operator read Secrets in {@code namespace} (which must exist): the RoleBinding {@code
   * envops-operator-secrets} of {@code operator/k8s/rbac.yaml}, for another watched namespace.
   */
  public void grantSecrets(String namespace) {
    try (KubernetesClient admin = server.adminClient()) {
      admin
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

  public KubeApiServer server() {
    return server;
  }

  /** A new client as the operator's ServiceAccount; the caller closes it. */
  public KubernetesClient operatorClient() {
    return server.client(operatorToken);
  }

  /** The ServiceAccount's user name, as RBAC and audit logs see it. */
  public static String operatorUser() {
    return "system:serviceaccount:" + NAMESPACE + ":" + SERVICE_ACCOUNT;
  }

  /** Writes a kubeconfig for the operator's ServiceAccount (context {@code envops-operator}). */
  public Path writeOperatorKubeconfig(Path file) throws IOException {
    return server.writeKubeconfig(file, "envops-operator", operatorToken, NAMESPACE);
  }
}
