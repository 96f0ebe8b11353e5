package org.scalinglab.check;

import java.util.Locale;

/**
 * Assertions for notebooks (they return nothing, so a check ending a cell adds no output): each check prints one ✓ line when it holds and throws a
 * {@link CheckFailedException} naming expected, actual and tolerance when it does not, so an executed
 * notebook fails (and CI with it) on a wrong number.
 *
 * <pre>{@code
 * check("Gopher loss (Chinchilla law)", 1.993, law.loss(280e9, 300e9), 1e-3);
 * checkRel("GPT-3 training FLOPs", 3.14e23, flops, 0.02);
 * checkTrue("N_opt grows with compute", nOpt[1] > nOpt[0]);
 * }</pre>
 */
public final class Check {
  private Check() {}

  /** Holds when |actual − expected| ≤ tolerance (absolute). */
  public static void check(String name, double expected, double actual, double tolerance) {
    requireTolerance(name, tolerance);
    double diff = Math.abs(actual - expected);
    if (!(diff <= tolerance)) { // also catches NaN
      throw new CheckFailedException(String.format(Locale.ROOT,
          "check failed: %s: expected %s ± %s, got %s (off by %s)",
          name, fmt(expected), fmt(tolerance), fmt(actual), fmt(diff)));
    }
    pass(String.format(Locale.ROOT, "%s = %s (expected %s ± %s)", name, fmt(actual), fmt(expected), fmt(tolerance)));
  }

  /** Holds when |actual − expected| ≤ relTolerance·|expected|. */
  public static void checkRel(String name, double expected, double actual, double relTolerance) {
    requireTolerance(name, relTolerance);
    double rel = Math.abs(actual - expected) / Math.abs(expected);
    if (!(rel <= relTolerance)) {
      throw new CheckFailedException(String.format(Locale.ROOT,
          "check failed: %s: expected %s within %s%%, got %s (off by %s%%)",
          name, fmt(expected), fmt(100 * relTolerance), fmt(actual), fmt(100 * rel)));
    }
    pass(String.format(Locale.ROOT, "%s = %s (expected %s within %s%%)",
        name, fmt(actual), fmt(expected), fmt(100 * relTolerance)));
  }

  /** Holds when lower ≤ actual ≤ upper. */
  public static void checkBetween(String name, double lower, double upper, double actual) {
    if (!(actual >= lower && actual <= upper)) {
      throw new CheckFailedException(String.format(Locale.ROOT,
          "check failed: %s: expected between %s and %s, got %s", name, fmt(lower), fmt(upper), fmt(actual)));
    }
    pass(String.format(Locale.ROOT, "%s = %s (expected in [%s, %s])", name, fmt(actual), fmt(lower), fmt(upper)));
  }

  /** Holds when the condition is true. */
  public static void checkTrue(String name, boolean condition) {
    if (!condition) {
      throw new CheckFailedException("check failed: " + name);
    }
    pass(name);
  }

  /** Holds when the two objects are equal (e.g. strings, integers). */
  public static void checkEquals(String name, Object expected, Object actual) {
    if (!java.util.Objects.equals(expected, actual)) {
      throw new CheckFailedException("check failed: " + name + ": expected " + expected + ", got " + actual);
    }
    pass(name + " = " + actual);
  }

  private static void requireTolerance(String name, double tolerance) {
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("check '" + name + "': tolerance must be ≥ 0, got " + tolerance);
    }
  }

  private static void pass(String line) {
    System.out.println("✓ " + line);
  }

  private static String fmt(double x) {
    if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) return Double.toString(x);
    double a = Math.abs(x);
    return (a >= 1e-3 && a < 1e6) ? String.format(Locale.ROOT, "%.6g", x) : String.format(Locale.ROOT, "%.4e", x);
  }
}
