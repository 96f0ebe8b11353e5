package org.scalinglab.sweep;

import org.scalinglab.util.ProgressBar;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sweep progress display: one line, rewritten in place with a carriage return, showing the
 * overall bar (runs done of the share) and the step bar of every run in flight, redrawn at most once
 * per interval the caller chooses (the CLI: 0.1 s on stderr; a notebook: 2 s, to keep its output
 * small). That stream must honour {@code \r} (a terminal, a notebook), so it never prints thousands
 * of lines. For a stream that does not (a log file, such as a SLURM task's output), {@link #lines}
 * prints the same report as whole lines instead, one per run started or finished and at most one
 * per interval in between.
 */
public final class ConsoleProgress implements SweepProgress {
  private final PrintStream out;
  private final Map<String, long[]> inFlight = new ConcurrentHashMap<>();
  private volatile int done, total;
  private volatile long lastDraw;
  private int lastWidth;
  private final long intervalNanos;
  private final boolean inPlace;

  /**
   * @param out where the line goes
   * @param redrawSeconds the least time between two redraws of a step bar (a run starting or
   *     finishing always redraws), e.g. 0.1 in a terminal, 2 in a notebook
   */
  public ConsoleProgress(PrintStream out, double redrawSeconds) {
    this(out, redrawSeconds, true);
  }

  /**
   * Progress as whole lines, for output that is a file rather than a terminal: a line when a run
   * starts or finishes, and otherwise at most one every {@code everySeconds}.
   */
  public static ConsoleProgress lines(PrintStream out, double everySeconds) {
    return new ConsoleProgress(out, everySeconds, false);
  }

  private ConsoleProgress(PrintStream out, double redrawSeconds, boolean inPlace) {
    this.inPlace = inPlace;
    if (!(redrawSeconds >= 0) || Double.isInfinite(redrawSeconds)) {
      throw new IllegalArgumentException("redrawSeconds must be a finite number ≥ 0, got " + redrawSeconds);
    }
    this.out = out;
    this.intervalNanos = (long) (redrawSeconds * 1e9);
  }

  /** A bar of {@code width} cells for a fraction in [0, 1]. */
  public static String bar(double fraction, int width) {
    return ProgressBar.of(fraction, width);
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

  /** Ends the line (in-place mode; whole lines need no ending). */
  public synchronized void finish() {
    if (inPlace) out.println();
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
    if (!inPlace) {
      out.println(line);
      out.flush();
      return;
    }
    int pad = Math.max(0, lastWidth - line.length());
    lastWidth = line.length();
    out.print("\r" + line + " ".repeat(pad));
    out.flush();
  }
}
