package org.scalinglab.sweep;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sweep progress display: one line, rewritten in place with a carriage return, showing the
 * overall bar (runs done of the share) and the step bar of every run in flight; redrawn at most
 * ten times a second. In a terminal it goes to stderr; in a notebook the same single line is
 * updated in place (a stream that honours {@code \r}), never thousands of printed lines.
 */
public final class ConsoleProgress implements SweepProgress {
  private final PrintStream out;
  private final Map<String, long[]> inFlight = new ConcurrentHashMap<>();
  private volatile int done, total;
  private volatile long lastDraw;
  private int lastWidth;
  private final long intervalNanos;

  /** Redraws at most 10 times a second in a terminal, every 2 s in a notebook (to keep its output small). */
  public ConsoleProgress(PrintStream out) {
    this.out = out;
    this.intervalNanos = org.scalinglab.notebook.Display.inNotebook() ? 2_000_000_000L : 100_000_000L;
  }

  /** A bar of {@code width} cells for a fraction in [0, 1]. */
  public static String bar(double fraction, int width) {
    int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
    return "[" + "#".repeat(full) + "-".repeat(width - full) + "]";
  }

  @Override
  public void sweepStarted(int alreadyDone, int totalRuns) {
    done = alreadyDone;
    total = totalRuns;
    draw(true);
  }

  @Override
  public void runStarted(RunSpec run) {
    inFlight.put(run.id(), new long[] {0, run.steps()});
    draw(true);
  }

  @Override
  public void step(RunSpec run, long step, long steps, double loss) {
    long[] s = inFlight.get(run.id());
    if (s != null) s[0] = step;
    draw(false);
  }

  @Override
  public void runFinished(RunSpec run, LedgerRecord record, int doneRuns, int totalRuns) {
    inFlight.remove(run.id());
    done = doneRuns;
    total = totalRuns;
    draw(true);
  }

  /** Ends the line. */
  public synchronized void finish() {
    out.println();
    out.flush();
  }

  private synchronized void draw(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastDraw < intervalNanos) return;
    lastDraw = now;
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "runs %s %d/%d", bar(total == 0 ? 0 : (double) done / total, 20), done, total));
    inFlight.forEach((id, s) -> sb.append(String.format(Locale.ROOT, " | %s %s", id, bar((double) s[0] / Math.max(1, s[1]), 10))));
    String line = sb.toString();
    int pad = Math.max(0, lastWidth - line.length());
    lastWidth = line.length();
    out.print("\r" + line + " ".repeat(pad));
    out.flush();
  }
}
