package dev.envops.bookings;

/** How the database connection is encrypted, named after go-sql-driver's {@code tls} values. */
public enum TlsMode {
  /** {@code tls=false} (the default): plain TCP. */
  DISABLED,
  /** {@code tls=preferred}: TLS when the server offers it, unverified. */
  PREFERRED,
  /** {@code tls=skip-verify}: TLS required, certificate not verified. */
  SKIP_VERIFY,
  /** {@code tls=true}: TLS required, certificate and host name verified against system CAs. */
  VERIFY;

  static TlsMode fromGoValue(String value) {
    switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true":
      case "1":
        return VERIFY;
      case "false":
      case "0":
      case "":
        return DISABLED;
      case "skip-verify":
        return SKIP_VERIFY;
      case "preferred":
        return PREFERRED;
      default:
        throw new IllegalArgumentException(
            "tls='"
                + value
                + "' is not supported (use true, false, skip-verify or preferred;"
                + " custom TLS configurations cannot be registered here)");
    }
  }

  static TlsMode fromSslMode(String value) {
    switch (value.toUpperCase(java.util.Locale.ROOT).replace('-', '_')) {
      case "DISABLED":
        return DISABLED;
      case "PREFERRED":
        return PREFERRED;
      case "REQUIRED":
        return SKIP_VERIFY;
      case "VERIFY_CA":
      case "VERIFY_IDENTITY":
        return VERIFY;
      default:
        throw new IllegalArgumentException(
            "ssl-mode='"
                + value
                + "' is not supported (use disabled, preferred, required or verify_identity)");
    }
  }
}
