package dev.envops.sandbox.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which simulated AWS account an access key belongs to. Keys nobody registered belong to {@link
 * AwsSimulator#ACCOUNT_ID}, so any credentials keep working against a one-account simulator.
 */
public final class AwsAccounts {

  private final Map<String, String> accountByAccessKey = new ConcurrentHashMap<>();

  /** Makes requests signed with {@code accessKeyId} act in {@code accountId} (12 digits). */
  public void register(String accessKeyId, String accountId) {
    if (!accountId.matches("[0-9]{12}")) {
      throw new IllegalArgumentException("an AWS account id has 12 digits: " + accountId);
    }
    accountByAccessKey.put(accessKeyId, accountId);
  }

  /** The account of {@code accessKeyId} (null: an unsigned request). */
  public String accountOf(String accessKeyId) {
    return accessKeyId == null
        ? AwsSimulator.ACCOUNT_ID
        : accountByAccessKey.getOrDefault(accessKeyId, AwsSimulator.ACCOUNT_ID);
  }
}
