package dev.envops.sandbox.lightsail;

import java.security.SecureRandom;

/** Lowercase alphanumeric tokens like those inside Lightsail URLs and role names. */
final class RandomTokens {

  private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomTokens() {}

  static String of(int length) {
    StringBuilder token = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      token.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
    }
    return token.toString();
  }
}
