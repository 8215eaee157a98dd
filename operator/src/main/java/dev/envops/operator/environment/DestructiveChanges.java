package dev.envops.operator.environment;

/**
 * When a deploy request that drops or renames what the running app reads is deployed: after the new
 * app serves (expand/contract), held for a person, or before the app as for additive changes.
 */
public enum DestructiveChanges {
  AfterRollout,
  Hold,
  BeforeRollout
}
