package org.scalinglab.law;

/** Argument checks shared by the laws of this package (one-line IllegalArgumentException messages). */
final class Checks {
  private Checks() {}

  /** x must be a positive finite number. */
  static double positive(String what, double x) {
    if (!(x > 0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException(what + " must be a positive finite number, got " + x);
    }
    return x;
  }

  /** x must be finite. */
  static double finite(String what, double x) {
    if (!Double.isFinite(x)) throw new IllegalArgumentException(what + " must be finite, got " + x);
    return x;
  }
}
