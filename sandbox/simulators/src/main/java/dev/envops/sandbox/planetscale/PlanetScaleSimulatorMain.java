package dev.envops.sandbox.planetscale;

import dev.envops.sandbox.mariadb.MariaDbServer;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the PlanetScale simulator on its own, with a private MariaDB server, one database with
 * branches {@code main} and {@code dev}, and the service token named by the PlanetScale CLI's
 * environment variables.
 */
public final class PlanetScaleSimulatorMain {

  private PlanetScaleSimulatorMain() {}

  /**
   * Arguments: [port] [organization] [database] (defaults 4580, acme, bookings_api). Needs
   * PLANETSCALE_SERVICE_TOKEN_ID and PLANETSCALE_SERVICE_TOKEN; serves until killed.
   */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 4580;
    String org = args.length > 1 ? args[1] : "acme";
    String db = args.length > 2 ? args[2] : "bookings_api";
    String tokenId = System.getenv("PLANETSCALE_SERVICE_TOKEN_ID");
    String token = System.getenv("PLANETSCALE_SERVICE_TOKEN");
    if (tokenId == null || tokenId.isBlank() || token == null || token.isBlank()) {
      System.err.println(
          "Set PLANETSCALE_SERVICE_TOKEN_ID and PLANETSCALE_SERVICE_TOKEN to the credentials"
              + " clients will send (Authorization: <id>:<token>).");
      System.exit(2);
    }
    MariaDbServer mariaDb = MariaDbServer.start();
    PlanetScaleSimulator simulator = PlanetScaleSimulator.start(mariaDb, "", port);
    simulator.createDatabase(org, db);
    simulator.createBranch(org, db, "dev", "main");
    simulator.addServiceToken(tokenId, token, EnumSet.allOf(TokenPermission.class));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  mariaDb.close();
                  stopped.countDown();
                }));
    System.out.println("PlanetScale simulator listening on " + simulator.baseUrl());
    System.out.println("Service token id: " + tokenId + " (all accesses)");
    System.out.println(
        "Branches of "
            + org
            + "/"
            + db
            + ": main -> MariaDB database "
            + simulator.branchDatabase(org, db, "main")
            + ", dev -> "
            + simulator.branchDatabase(org, db, "dev")
            + " on 127.0.0.1:"
            + mariaDb.port()
            + " (user root, no password)");
    stopped.await();
  }
}
