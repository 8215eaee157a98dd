package dev.envops.operator.reconcile;

/** Lightsail's successCodes syntax: "200-499" or "200,302" or a mix. */
final class SuccessCodes {

  private SuccessCodes() {}

  static boolean matches(String codes, int status) {
    for (String part : codes.split(",")) {
      String[] range = part.trim().split("-");
      int low = Integer.parseInt(range[0].trim());
      int high = range.length > 1 ? Integer.parseInt(range[1].trim()) : low;
      if (status >= low && status <= high) {
        return true;
      }
    }
    return false;
  }
}
