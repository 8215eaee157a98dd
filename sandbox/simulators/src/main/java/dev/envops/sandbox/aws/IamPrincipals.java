package dev.envops.sandbox.aws;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The IAM roles the simulated Lightsail has made and IAM already knows. A role Lightsail shows as a
 * service's puller principal reaches IAM only a little later; until then ECR refuses a policy
 * naming it ({@code Principal not found}, hashicorp/terraform-provider-aws#39064).
 */
public final class IamPrincipals {

  /** Path of the roles Lightsail makes; only these are checked (hand-written ones pass). */
  public static final String LIGHTSAIL_ROLE_PATH = ":role/amazon/lightsail/";

  private final Set<String> known = ConcurrentHashMap.newKeySet();

  /** IAM now knows {@code principalArn}. */
  public void add(String principalArn) {
    known.add(principalArn);
  }

  /** False only for a Lightsail-made role IAM does not know (yet). */
  public boolean resolves(String principalArn) {
    return !principalArn.contains(LIGHTSAIL_ROLE_PATH) || known.contains(principalArn);
  }
}
