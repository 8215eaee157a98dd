package dev.envops.sandbox.planetscale;

import java.time.Instant;

/** A branch of a simulated database and the MariaDB database that holds its schema. */
record Branch(
    String id,
    String name,
    String parentBranch,
    boolean production,
    String mariaDbDatabase,
    Instant createdAt) {}
