package dev.envops.operator.planetscale;

import java.util.Objects;

/** A PlanetScale service token (id and secret); its {@code toString} never shows the secret. */
public final class ServiceToken {

  private final String id;
  private final String token;

  public ServiceToken(String id, String token) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("service token id is empty");
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("service token is empty");
    }
    this.id = id.strip();
    this.token = token.strip();
  }

  public String id() {
    return id;
  }

  /** The value of the {@code Authorization} header: {@code <id>:<token>}, with no scheme. */
  String authorizationHeader() {
    return id + ":" + token;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServiceToken other && id.equals(other.id) && token.equals(other.token);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, token);
  }

  @Override
  public String toString() {
    return "ServiceToken[id=" + id + ", token=***]";
  }
}
