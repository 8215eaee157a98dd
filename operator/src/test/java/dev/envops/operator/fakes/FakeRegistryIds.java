package dev.envops.operator.fakes;

import dev.envops.operator.ecr.RegistryIds;
import java.util.Optional;

/** The operator's own registry account, the same in every region (or unknown). */
public final class FakeRegistryIds implements RegistryIds {

  private final Optional<String> account;

  private FakeRegistryIds(Optional<String> account) {
    this.account = account;
  }

  /** Every region's registry belongs to {@code account}. */
  public static FakeRegistryIds of(String account) {
    return new FakeRegistryIds(Optional.of(account));
  }

  /** DescribeRegistry is not allowed: the account is unknown, the check skipped. */
  public static FakeRegistryIds unknown() {
    return new FakeRegistryIds(Optional.empty());
  }

  @Override
  public Optional<String> in(String region) {
    return account;
  }
}
