package dev.envops.operator.ecr;

import dev.envops.operator.aws.AwsClients;
import dev.envops.operator.aws.AwsFailure;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.model.EcrException;

/**
 * The AWS account the operator's credentials act in, read once per region from ECR's {@code
 * DescribeRegistry} (the caller's own registry id is its account). Container services the operator
 * creates live in that account, and they pull only from its private repositories.
 */
public final class RegistryAccount implements RegistryIds {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryAccount.class);

  private final AwsClients clients;
  private final Map<String, Optional<String>> byRegion = new ConcurrentHashMap<>();

  public RegistryAccount(AwsClients clients) {
    this.clients = clients;
  }

  /**
   * The 12-digit account of the operator's own registry in {@code region}; empty when the
   * credentials may not call {@code ecr:DescribeRegistry} (an older IAM policy): the check is then
   * skipped rather than blocking every rollout.
   */
  @Override
  public Optional<String> in(String region) {
    return byRegion.computeIfAbsent(region, this::describe);
  }

  private Optional<String> describe(String region) {
    try {
      return Optional.of(clients.ecr(region).describeRegistry(b -> {}).registryId());
    } catch (EcrException e) {
      if (e.awsErrorDetails() != null
          && "AccessDeniedException".equals(e.awsErrorDetails().errorCode())) {
        LOG.warn(
            "ecr:DescribeRegistry is not allowed in {}: images of other accounts are not caught"
                + " before deploying (add it to the operator's IAM policy)",
            region);
        return Optional.empty();
      }
      throw AwsFailure.of("ecr:DescribeRegistry", e);
    } catch (SdkException e) {
      throw AwsFailure.of("ecr:DescribeRegistry", e);
    }
  }
}
