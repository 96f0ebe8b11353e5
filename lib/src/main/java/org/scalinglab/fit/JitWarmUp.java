package org.scalinglab.fit;

import org.scalinglab.data.Runs;
import org.scalinglab.law.ChinchillaLaw;

/**
 * Warms HotSpot's compilers for the Approach-3 fit on a background thread: it runs L-BFGS on the
 * Huber objective of synthetic runs while a short process (the CLI's {@code fit}) still parses its
 * command line and reads its data, and stops as soon as a real fit begins. Without it, the first
 * few hundred milliseconds of a fit in a fresh JVM run in the interpreter and in profiled C1 code,
 * several times slower than the C2 code that a warm JVM runs. It shares no state with any fit, so
 * results do not depend on it; on 2 cores it took the CLI's 4,500-start fit from ≈0.6 s to ≈0.4 s.
 */
public final class JitWarmUp {
  private static volatile boolean stop;
  private static Thread running;

  private JitWarmUp() {}

  /**
   * Starts the warm-up on a daemon thread, unless one is running; it ends by itself after one
   * start in seven of the grid on 240 runs (≈0.2 s of one core) if nothing {@link #stop}s it.
   */
  public static synchronized void startInBackground() {
    if (running != null && running.isAlive()) return;
    stop = false;
    running = new Thread(JitWarmUp::run, "scalinglab-jit-warm-up");
    running.setDaemon(true);
    running.start();
  }

  /** Stops the warm-up at its next start (within a millisecond): a real fit begins, or none will. */
  public static void stop() {
    stop = true;
  }

  /** The warm-up thread of the last {@link #startInBackground}, if any (for tests). */
  static synchronized Thread thread() {
    return running;
  }

  private static void run() {
    Runs runs = SyntheticRuns.scattered(ChinchillaLaw.HOFFMANN_2022, 240, 1e7, 1e10, 1e9, 1e12, 0.02, 7);
    HuberLogObjective objective = HuberLogObjective.of(runs, 1e-3);
    Lbfgs lbfgs = Lbfgs.defaults();
    StartGrid grid = StartGrid.hoffmann();
    for (int i = 0; i < grid.size() && !stop; i += 7) lbfgs.minimize(objective, grid.get(i));
  }
}
