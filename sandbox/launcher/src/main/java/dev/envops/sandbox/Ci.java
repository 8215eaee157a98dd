package dev.envops.sandbox;

import dev.envops.operator.environment.Environment;
import dev.envops.sandbox.ecr.EcrSimulator;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What CodeBuild does in the design: push the built image to ECR under an immutable tag, then bump
 * one Environment's {@code spec.image.tag} and {@code spec.gitRef}. Never calls Lightsail or
 * PlanetScale.
 */
public final class Ci {

  private final EcrSimulator ecr;
  private final KubernetesClient client;
  private final String namespace;
  private final Progress progress;

  public Ci(EcrSimulator ecr, KubernetesClient client, String namespace, Progress progress) {
    this.ecr = ecr;
    this.client = client;
    this.namespace = namespace;
    this.progress = progress;
  }

  /** Pushes a new image under {@code tag}; returns its digest. */
  public String push(String tag) {
    String digest = ecr.pushImage(Sandbox.REPOSITORY, tag);
    progress.step(
        "CI: pushed " + Sandbox.REPOSITORY + ":" + tag + " to ECR (" + abbreviate(digest) + ")");
    return digest;
  }

  /** Sets {@code tag} and {@code gitRef} on {@code environment}; returns the new generation. */
  public long bump(String environment, String tag, String gitRef) {
    Environment edited =
        client
            .resources(Environment.class)
            .inNamespace(namespace)
            .withName(environment)
            .edit(
                env -> {
                  env.getSpec().getImage().setTag(tag);
                  env.getSpec().setGitRef(gitRef);
                  return env;
                });
    progress.step("CI: bumped " + environment + " to tag " + tag + " (gitRef " + gitRef + ")");
    return edited.getMetadata().getGeneration();
  }

  private static String abbreviate(String digest) {
    return digest.length() > 19 ? digest.substring(0, 19) + "…" : digest;
  }
}
