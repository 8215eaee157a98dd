package dev.envops.operator.environment;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One deployment stage of an app: an image on a Lightsail container service, kept as declared. */
@Group("envops.dev")
@Version("v1alpha1")
@Plural("environments")
@Singular("environment")
@ShortNames("env")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Tag", jsonPath = ".spec.image.tag")
@AdditionalPrinterColumn(name = "Serving", jsonPath = ".status.image.tag")
@AdditionalPrinterColumn(name = "Git ref", jsonPath = ".spec.gitRef")
@AdditionalPrinterColumn(
    name = "Deploy request",
    jsonPath = ".status.deployRequest.number",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.lightsail.url")
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Environment extends CustomResource<EnvironmentSpec, EnvironmentStatus>
    implements Namespaced, Cloneable {

  /**
   * A new Environment with {@code metadata} and this one's spec and status, the same objects. Not
   * through the constructor: fabric8's reads the class's annotations on every call, 3% of an idle
   * resync pass when the reconcile's copy was made that way; the other fields it sets are final
   * strings and flags derived from the class.
   */
  public Environment sharingSpecAndStatus(ObjectMeta metadata) {
    try {
      Environment copy = (Environment) clone();
      copy.setMetadata(metadata);
      return copy;
    } catch (CloneNotSupportedException e) {
      throw new AssertionError("Environment is Cloneable", e);
    }
  }
}
