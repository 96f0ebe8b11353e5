package org.scalinglab.fit;

import org.scalinglab.data.Runs;
import org.scalinglab.law.ChinchillaLaw;

/**
 * Warms HotSpot's compilers for the Approach-3 fit on a background thread: it runs L-BFGS on the
 * Huber objective of synthetic runs while a short process (the CLI's {@code fit}) still parses its
 * command line and reads its data, and stops as soon as a real fit begins. Without it, the first
 * few hundred milliseconds of a fit in a fresh JVM run in the interpreter and in profiled C1 code,
 * several times slower than the C2 code that a warm JVM runs; the fit itself is unchanged.
 */
public final class JitWarmUp {
  private static volatile boolean stop;

  private JitWarmUp() {}

  /** Starts the warm-up on a daemon thread (at most once per JVM, and never after a fit began). */
  public static synchronized void startInBackground() {
    if (started || stop) return;
    started = true;
    Thread t = new Thread(JitWarmUp::run, "scalinglab-jit-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  private static boolean started;

  /** Called when a real fit begins: the warm-up stops at its next start. */
  static void fitBegins() {
    stop = true;
  }

  private static void run() {
    Runs runs = SyntheticRuns.scattered(ChinchillaLaw.HOFFMANN_2022, 240, 1e7, 1e10, 1e9, 1e12, 0.02, 7);
    HuberLogObjective objective = HuberLogObjective.of(runs, 1e-3);
    Lbfgs lbfgs = Lbfgs.defaults();
    StartGrid grid = StartGrid.hoffmann();
    for (int i = 0; i < grid.size() && !stop; i += 7) lbfgs.minimize(objective, grid.get(i));
  }
}
