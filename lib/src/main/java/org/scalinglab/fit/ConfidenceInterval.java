package org.scalinglab.fit;

import java.util.Locale;

/**
 * A point estimate with a confidence interval [lower, upper] at the given level (e.g. 0.95).
 *
 * @param estimate the value from the full data
 * @param lower lower end
 * @param upper upper end
 * @param level coverage, e.g. 0.95
 */
public record ConfidenceInterval(double estimate, double lower, double upper, double level) {
  /** Whether x lies in [lower, upper]. */
  public boolean contains(double x) {
    return x >= lower && x <= upper;
  }

  public double width() {
    return upper - lower;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.4g [%.4g, %.4g] (%.0f%%)", estimate, lower, upper, 100 * level);
  }
}
