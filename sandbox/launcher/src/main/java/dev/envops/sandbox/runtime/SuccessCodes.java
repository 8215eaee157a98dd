package dev.envops.sandbox.runtime;

/** Lightsail's {@code successCodes}: a code or a range ({@code 200-499}), comma separated. */
final class SuccessCodes {

  private SuccessCodes() {}

  static boolean matches(String codes, int status) {
    if (codes == null || codes.isBlank()) {
      return status >= 200 && status < 500;
    }
    for (String part : codes.split(",")) {
      String range = part.trim();
      int dash = range.indexOf('-');
      try {
        int low = Integer.parseInt(dash < 0 ? range : range.substring(0, dash).trim());
        int high = dash < 0 ? low : Integer.parseInt(range.substring(dash + 1).trim());
        if (status >= low && status <= high) {
          return true;
        }
      } catch (NumberFormatException e) {
        // Lightsail rejects such codes on input; here an unreadable part simply matches nothing.
      }
    }
    return false;
  }
}
