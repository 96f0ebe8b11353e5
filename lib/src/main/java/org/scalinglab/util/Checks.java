package org.scalinglab.util;

/**
 * The argument checks of the library's values (laws, shapes, runs, groupings): each throws an
 * {@link IllegalArgumentException} with a one-line message naming the quantity and the value given,
 * which the CLI and the notebooks show as it is. The one copy of these checks.
 */
public final class Checks {
  private Checks() {}

  /** x must be a positive finite number; returns x. */
  public static double positive(String what, double x) {
    if (!(x > 0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException(what + " must be a positive finite number, got " + x);
    }
    return x;
  }

  /** x must be a positive integer; returns x. */
  public static int positive(String what, int x) {
    if (x <= 0) throw new IllegalArgumentException(what + " must be a positive integer, got " + x);
    return x;
  }

  /** x must be finite; returns x. */
  public static double finite(String what, double x) {
    if (!Double.isFinite(x)) throw new IllegalArgumentException(what + " must be finite, got " + x);
    return x;
  }
}
