package dev.envops.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the heap's use out of {@code jcmd PID GC.heap_info}, whatever the collector. */
final class HeapInfo {

  // One line per generation: serial "def new generation" and "tenured generation", parallel
  // "PSYoungGen" and "ParOldGen", G1 a single "garbage-first heap". Metaspace's line has no total.
  private static final Pattern GENERATION = Pattern.compile("total (\\d+)K, used (\\d+)K");

  private HeapInfo() {}

  /** KiB in use over all generations; -1 when the output names none. */
  static long usedKib(String heapInfo) {
    Matcher m = GENERATION.matcher(heapInfo);
    boolean found = false;
    long used = 0;
    while (m.find()) {
      found = true;
      used += Long.parseLong(m.group(2));
    }
    return found ? used : -1;
  }
}
