package dev.envops.operator.fakes;

import dev.envops.operator.accounts.AccountLookup;
import dev.envops.operator.accounts.CloudAccount;

/** One cloud account made of fakes, for every Environment: the steps' {@link AccountLookup}. */
public final class FakeCloud {

  /** The account the fake registry and the tests' repositories belong to. */
  public static final String ACCOUNT = "123456789012";

  public final FakeImageDigests images = new FakeImageDigests();
  public final FakePullAccess pullAccess = new FakePullAccess();
  public final FakeContainerServices services = new FakeContainerServices();
  private FakeRegistryIds registry = FakeRegistryIds.of(ACCOUNT);

  /** The operator's own registry is in {@code account} from now on. */
  public FakeCloud registryAccount(String account) {
    registry = FakeRegistryIds.of(account);
    return this;
  }

  /** The account every Environment deploys to. */
  public CloudAccount account() {
    return new CloudAccount("", images, registry, pullAccess, services);
  }

  /** Answers {@link #account()} for every Environment. */
  public AccountLookup lookup() {
    return env -> account();
  }
}
