package dev.envops.operator.fakes;

import dev.envops.operator.lightsail.DeploymentRecord;
import dev.envops.operator.lightsail.DesiredDeployment;
import dev.envops.operator.lightsail.ServiceState;
import java.util.Map;

/** Builds the container services and deployments the fakes hand out (plain values, no client). */
public final class Lightsail {

  /** The principal a settled service's ECR image puller role has in these tests. */
  public static final String PRINCIPAL = "arn:aws:iam::123456789012:role/amazon/lightsail/puller";

  private Lightsail() {}

  /** A deployment of {@code desired}, as Lightsail echoes it back. */
  public static DeploymentRecord deployment(int version, String state, DesiredDeployment desired) {
    return desired.asDeployed(version, state);
  }

  /**
   * A service in {@code state} with power nano x1, its puller role active with {@code principal}.
   */
  public static Service service(String name, String state, String principal) {
    return new Service(name, state, principal);
  }

  /** A READY service with the usual principal and no deployment. */
  public static Service ready(String name) {
    return service(name, "READY", PRINCIPAL);
  }

  /** {@code service} to change a field of. */
  public static Service from(ServiceState service) {
    Service s = new Service(service.name(), service.state(), service.principalArn());
    s.power = service.power();
    s.scale = service.scale();
    s.disabled = service.disabled();
    s.pullerRoleActive = service.pullerRoleActive();
    s.url = service.url();
    s.tags = service.tags();
    s.currentDeployment = service.currentDeployment();
    s.nextDeployment = service.nextDeployment();
    return s;
  }

  /** A {@link ServiceState} under construction. */
  public static final class Service {
    private final String name;
    private String state;
    private final String principal;
    private String power = "nano";
    private Integer scale = 1;
    private boolean disabled;
    private boolean pullerRoleActive = true;
    private String url;
    private Map<String, String> tags = Map.of();
    private DeploymentRecord currentDeployment;
    private DeploymentRecord nextDeployment;

    private Service(String name, String state, String principal) {
      this.name = name;
      this.state = state;
      this.principal = principal;
      this.url = "https://" + name + ".example.amazonlightsail.com/";
    }

    public Service state(String state) {
      this.state = state;
      return this;
    }

    public Service power(String power) {
      this.power = power;
      return this;
    }

    public Service scale(int scale) {
      this.scale = scale;
      return this;
    }

    public Service isDisabled(boolean disabled) {
      this.disabled = disabled;
      return this;
    }

    public Service tags(Map<String, String> tags) {
      this.tags = tags;
      return this;
    }

    public Service currentDeployment(DeploymentRecord deployment) {
      this.currentDeployment = deployment;
      return this;
    }

    public Service nextDeployment(DeploymentRecord deployment) {
      this.nextDeployment = deployment;
      return this;
    }

    public ServiceState build() {
      return new ServiceState(
          name,
          state,
          power,
          scale,
          disabled,
          pullerRoleActive,
          principal,
          url,
          tags,
          currentDeployment,
          nextDeployment);
    }
  }
}
