package dev.envops.bench;

import java.util.Map;

/**
 * One malformed Environment of the bad-input corpus: its name, what is wrong, the raw object (any
 * JSON shape, wrong types included), the field that must be named, and the Ready reason expected
 * when it reaches the operator.
 */
record BadSpec(String name, String what, Map<String, Object> object, String field, String reason) {

  static final String INVALID_SPEC = "InvalidSpec";
}
