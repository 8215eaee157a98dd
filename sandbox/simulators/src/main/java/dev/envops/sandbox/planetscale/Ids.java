package dev.envops.sandbox.planetscale;

import java.security.SecureRandom;

/** Random public ids in PlanetScale's style: 12 lowercase letters and digits. */
final class Ids {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  static String next() {
    StringBuilder id = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
