package dev.envops.sandbox;

import java.io.PrintStream;

/** Prints the story's progress, one line per step, with the seconds since the start. */
public final class Progress {

  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  public Progress(PrintStream out) {
    this.out = out;
  }

  /** Seconds since this progress started. */
  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** A step of the story. */
  public void step(String message) {
    line("==>", message);
  }

  /** Something that happened while a step waits (a phase change, a deploy request state). */
  public void detail(String message) {
    line("   ", message);
  }

  /** Free text, printed as is. */
  public void text(String text) {
    synchronized (out) {
      out.println(text);
      out.flush();
    }
  }

  private void line(String marker, String message) {
    text(String.format("[%6.1fs] %s %s", elapsedSeconds(), marker, message));
  }
}
