package dev.envops.bench;

/** Reads the CPU time out of a Linux {@code /proc/.../stat} line (a process's or a thread's). */
final class ProcStat {

  private ProcStat() {}

  /** utime + stime (fields 14 and 15) in clock ticks of 1/100 s. */
  static long cpuTicks(String stat) {
    // The command name, field 2, is in parentheses and may hold spaces: count from after it.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
