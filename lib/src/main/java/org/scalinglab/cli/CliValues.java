package org.scalinglab.cli;

/** Checks of numeric option values (picocli converts text to numbers; these check the numbers). */
final class CliValues {
  private CliValues() {}

  /** The value must be a positive finite number; else IllegalArgumentException (exit code 2). */
  static double positive(String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(option + " must be a positive finite number, got "
          + (Double.isFinite(value) ? String.format(java.util.Locale.ROOT, "%.6g", value) : String.valueOf(value)));
    }
    return value;
  }
}
