package dev.envops.operator.plan;

import dev.envops.operator.environment.Condition;
import dev.envops.operator.environment.Environment;
import dev.envops.operator.environment.EnvironmentSpec;
import dev.envops.operator.environment.HistoryEntry;

/**
 * Whether {@code spec.promotion.requireReadyIn} would let the manifest's image through, read from
 * the gate's Environment as it stands. The operator compares digests; the plan compares tags (it
 * has no ECR access), which agrees as long as tags are immutable.
 *
 * @param admitted true when the image rolls out (no gate, or the source was Ready with it)
 */
record GateVerdict(boolean admitted, String message) {

  static GateVerdict of(EnvironmentSpec spec, Environment source) {
    String upstream = spec.getPromotion() == null ? null : spec.getPromotion().getRequireReadyIn();
    if (upstream == null || upstream.isBlank()) {
      return new GateVerdict(true, "no promotion gate");
    }
    String tag = spec.getImage() == null ? null : spec.getImage().getTag();
    if (source == null) {
      return new GateVerdict(false, "Environment " + upstream + " (requireReadyIn) does not exist");
    }
    var status = source.getStatus();
    boolean readyNow =
        status != null
            && status.getImage() != null
            && tag != null
            && tag.equals(status.getImage().getTag())
            && status
                .condition("Ready")
                .map(c -> Condition.TRUE.equals(c.getStatus()))
                .orElse(false);
    boolean readyBefore =
        status != null
            && status.getHistory().stream()
                .anyMatch(
                    h ->
                        HistoryEntry.SUCCEEDED.equals(h.getResult())
                            && h.getImage() != null
                            && h.getImage().contains(":" + tag + "@"));
    if (readyNow || readyBefore) {
      return new GateVerdict(true, "tag " + tag + " has been Ready in " + upstream);
    }
    return new GateVerdict(
        false,
        "tag "
            + tag
            + " has not been Ready in "
            + upstream
            + " yet: the Environment would stay Blocked until it is");
  }
}
