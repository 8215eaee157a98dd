package dev.envops.bench;

import java.util.ArrayList;
import java.util.List;

/** Prints each figure as it is measured, then all of them and the command that reproduces them. */
final class Report {

  private final String command;
  private final List<String> lines = new ArrayList<>();

  Report(String command) {
    this.command = command;
  }

  void figure(String what, String value) {
    String line = what + ": " + value;
    lines.add(line);
    System.out.println("» " + line);
  }

  void print(String title) {
    System.out.println();
    System.out.println("== " + title + " ==");
    lines.forEach(l -> System.out.println("  " + l));
    System.out.println("reproduce: " + command);
  }
}
