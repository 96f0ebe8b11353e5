package org.scalinglab.fit;

import java.io.PrintStream;
import java.util.List;

/**
 * Where extrapolation warnings go when a fitted result predicts far outside its runs
 * ({@link org.scalinglab.law.FitRange#warnings}): standard error, one line each, "warning: …" — in a
 * notebook the line appears under the cell's result; the CLI prints its own.
 */
public final class Extrapolation {
  private static volatile PrintStream sink = null;

  private Extrapolation() {}

  /** Prints each warning as "warning: …" to standard error (or the stream set with {@link #to}). */
  public static void warn(List<String> warnings) {
    PrintStream s = sink != null ? sink : System.err;
    for (String w : warnings) s.println("warning: " + w);
  }

  /** Sends warnings to another stream (null: standard error again). */
  public static void to(PrintStream stream) {
    sink = stream;
  }
}
