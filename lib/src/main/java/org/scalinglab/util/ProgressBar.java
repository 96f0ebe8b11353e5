package org.scalinglab.util;

/**
 * The text bar every progress display of the library draws ({@code [######----]}): sweeps, training,
 * bootstrap resamples. One glyph style, one rounding rule.
 */
public final class ProgressBar {
  private ProgressBar() {}

  /** A bar of {@code width} cells for a fraction in [0, 1] (clamped), the filled cells rounded to nearest. */
  public static String of(double fraction, int width) {
    int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
    return "[" + "#".repeat(full) + "-".repeat(width - full) + "]";
  }
}
