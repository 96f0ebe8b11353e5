package org.scalinglab.cli;

/** Checks of numeric option values (picocli converts text to numbers; these check the numbers). */
final class CliValues {
  private CliValues() {}

  /** The value must be a positive finite number; else IllegalArgumentException (exit code 2). */
  /**
   * Whether standard error is a terminal, so progress can be redrawn in place with {@code \r}: the
   * launcher says so in {@code -Dscalinglab.stderr.tty} (from the shell's {@code [ -t 2 ]}, which
   * the JVM cannot tell portably on JDK 17); without it, whether the JVM has a console.
   */
  static boolean stderrIsTerminal() {
    String tty = System.getProperty("scalinglab.stderr.tty");
    if (tty != null) return Boolean.parseBoolean(tty);
    return System.console() != null;
  }

  static double positive(String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(option + " must be a positive finite number, got "
          + shortest(value));
    }
    return value;
  }

  /** -5 → "-5", 0 → "0", 1e-30 → "1.0E-30": the number as the user would write it. */
  private static String shortest(double value) {
    if (Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.valueOf(value);
  }
}
