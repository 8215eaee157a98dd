package dev.envops.operator.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envops.operator.environment.DatabaseSpec;
import dev.envops.operator.planetscale.DeployRequest;
import dev.envops.operator.planetscale.PlanetScaleClient;
import dev.envops.operator.planetscale.ServiceToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads the DDL PlanetScale would apply from {@code promoteFrom} into {@code branch}: the diff
 * ({@code GET .../deploy-requests/{number}/diff}) of the newest open deploy request between them.
 * It never opens one (a plan must not change anything); with none open it says so.
 */
final class SchemaDiffReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;
  private final String baseUrl;
  private final String tokenId;
  private final String tokenValue;

  SchemaDiffReader(OkHttpClient http, String baseUrl, String tokenId, String tokenValue) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.tokenId = tokenId;
    this.tokenValue = tokenValue;
  }

  SchemaPlan read(DatabaseSpec db) throws IOException {
    if (db == null || db.getPromoteFrom() == null || db.getPromoteFrom().isBlank()) {
      return SchemaPlan.none("no spec.database.promoteFrom: no schema is promoted");
    }
    List<DeployRequest> requests =
        new PlanetScaleClient(http, baseUrl)
            .listAll(
                new ServiceToken(tokenId, tokenValue),
                db.getOrganization(),
                db.getName(),
                db.getPromoteFrom(),
                db.getBranch());
    DeployRequest open =
        requests.stream().filter(r -> "open".equals(r.state())).findFirst().orElse(null);
    if (open == null) {
      return SchemaPlan.none(
          "no open deploy request "
              + db.getPromoteFrom()
              + " -> "
              + db.getBranch()
              + ": the operator opens one at rollout (pscale deploy-request create "
              + db.getName()
              + " "
              + db.getPromoteFrom()
              + " --dry-run shows its diff)");
    }
    HttpUrl url =
        HttpUrl.parse(baseUrl)
            .newBuilder()
            .addPathSegments("organizations/" + db.getOrganization() + "/databases/" + db.getName())
            .addPathSegment("deploy-requests")
            .addPathSegment(Long.toString(open.number()))
            .addPathSegment("diff")
            .build();
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", tokenId + ":" + tokenValue)
            .header("Accept", "application/json")
            .build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException(
            "PlanetScale answered "
                + response.code()
                + " to the diff of deploy request #"
                + open.number());
      }
      JsonNode body = JSON.readTree(response.body().string());
      List<SchemaPlan.Statement> statements = new ArrayList<>();
      for (JsonNode table : body.path("data")) {
        for (String ddl : table.path("raw").asText("").split(";\\s*\\n?")) {
          if (!ddl.isBlank()) {
            statements.add(SchemaPlan.statement(table.path("name").asText(), ddl.trim()));
          }
        }
      }
      return new SchemaPlan(
          "deploy request #" + open.number() + " (" + open.htmlUrl() + ")", statements);
    }
  }
}
