package dev.envops.bench;

import java.time.Duration;

/**
 * What happened to one corpus item: which gate stopped it (the CRD schema, the operator, or the API
 * refusing to store it), what that gate said, and whether it named the item's field.
 */
record BadOutcome(BadSpec spec, Gate gate, String said, boolean named, Duration after) {

  /** Where an item was stopped. */
  enum Gate {
    /** Rejected by the CRD schema: never stored. */
    SCHEMA,
    /** Stored; the operator set the Ready condition. */
    OPERATOR,
    /** Stored, but no condition naming the field came in time. */
    NONE,
    /** The API refused to store it. */
    REFUSED
  }

  static BadOutcome schema(BadSpec spec, String said, boolean named) {
    return new BadOutcome(spec, Gate.SCHEMA, said, named, Duration.ZERO);
  }
}
