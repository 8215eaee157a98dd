package dev.envops.sandbox.planetscale;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service tokens the simulator accepts, with their accesses. Secrets never leave this class.
 */
final class ServiceTokens {

  /** An authenticated caller: the token id (safe to log and to show as an actor) and accesses. */
  record Caller(String tokenId, Set<TokenPermission> permissions) {}

  private record Token(byte[] secret, Set<TokenPermission> permissions) {}

  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  void add(String id, String secret, Set<TokenPermission> permissions) {
    if (id.isEmpty() || id.contains(":")) {
      throw new IllegalArgumentException("a token id is non-empty and has no colon");
    }
    Set<TokenPermission> copy =
        permissions.isEmpty() ? EnumSet.noneOf(TokenPermission.class) : EnumSet.copyOf(permissions);
    tokens.put(id, new Token(secret.getBytes(StandardCharsets.UTF_8), copy));
  }

  /** The caller named by an {@code Authorization: <id>:<token>} header, if the secret matches. */
  Optional<Caller> authenticate(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    int colon = authorization.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String id = authorization.substring(0, colon).trim();
    byte[] secret = authorization.substring(colon + 1).trim().getBytes(StandardCharsets.UTF_8);
    Token token = tokens.get(id);
    if (token == null || !MessageDigest.isEqual(token.secret(), secret)) {
      return Optional.empty();
    }
    return Optional.of(new Caller(id, token.permissions()));
  }
}
