package org.scalinglab.fit;

import java.io.PrintStream;
import org.scalinglab.util.ProgressBar;
import java.util.Locale;

/**
 * Progress of long fitting work (bootstrap resamples): called with the number of finished items and
 * the total. Calls arrive in increasing order of {@code done}, never concurrently.
 */
@FunctionalInterface
public interface FitProgress {
  void update(int done, int total);

  /** Reports nothing. */
  static FitProgress none() {
    return (done, total) -> {};
  }

  /**
   * A one-line text bar redrawn in place with a carriage return, e.g.
   * {@code bootstrap [##########----------] 50% (500/1000)}, ending with a newline; redrawn only
   * when the whole percentage changes. Suits a terminal (stderr) and a notebook's output alike.
   */
  static FitProgress bar(PrintStream out, String label) {
    return new FitProgress() {
      private int lastPercent = -1;

      @Override
      public void update(int done, int total) {
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        if (percent == lastPercent && done != total) return;
        lastPercent = percent;
        out.print(String.format(Locale.ROOT, "\r%s %s %3d%% (%d/%d)", label, ProgressBar.of(percent / 100.0, 20),
            percent, done, total));
        if (done == total) out.println();
        out.flush();
      }
    };
  }
}
