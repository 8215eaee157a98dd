package dev.envops.operator.ecr;

import java.util.Optional;

/** The account id of the operator's own image registry in a region. */
public interface RegistryIds {

  /** The 12-digit account of the registry in {@code region}; empty when it cannot be read. */
  Optional<String> in(String region);
}
