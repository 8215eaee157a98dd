package dev.envops.sandbox.planetscale.schema;

/** One column of a table: its name and its full definition as it would appear in DDL. */
public record ColumnSchema(String name, String definition) {}
