package org.scalinglab.demo.doubledescent;

import java.util.Arrays;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * A simulated risk curve: at each size (features p for a model-wise sweep, training points n for a
 * sample-wise one) the mean test risk over seeded trials, its standard error (sample standard
 * deviation / √trials), and the theory where one exists (NaN where none is drawn; +∞ where the
 * theory is infinite).
 *
 * @param variable "p" or "n": what the sweep varies
 * @param sizes the values of that variable, increasing
 * @param mean mean excess test risk over the trials at each size
 * @param stderr standard error of that mean
 * @param theory the expected risk from theory at each size (NaN: none; +∞: infinite)
 * @param trials trials averaged at each size
 */
public record RiskCurve(String variable, int[] sizes, double[] mean, double[] stderr, double[] theory, int trials) {
  public RiskCurve {
    int k = sizes.length;
    if (mean.length != k || stderr.length != k || theory.length != k) {
      throw new IllegalArgumentException("sizes, mean, stderr and theory must have the same length");
    }
    sizes = sizes.clone();
    mean = mean.clone();
    stderr = stderr.clone();
    theory = theory.clone();
  }

  @Override public int[] sizes() { return sizes.clone(); }
  @Override public double[] mean() { return mean.clone(); }
  @Override public double[] stderr() { return stderr.clone(); }
  @Override public double[] theory() { return theory.clone(); }

  /** Number of points on the curve. */
  public int length() {
    return sizes.length;
  }

  /** The sizes as doubles (for charts). */
  public double[] sizesAsDoubles() {
    return Arrays.stream(sizes).asDoubleStream().toArray();
  }

  /** Index of the point whose size equals {@code size}; IllegalArgumentException when absent. */
  public int indexOf(int size) {
    for (int i = 0; i < sizes.length; i++) if (sizes[i] == size) return i;
    throw new IllegalArgumentException(variable + " = " + size + " is not on this curve (" + sizes[0] + "…" + sizes[sizes.length - 1] + ")");
  }

  /** Mean risk at a size on the curve. */
  public double meanAt(int size) {
    return mean[indexOf(size)];
  }

  /** Standard error at a size on the curve. */
  public double stderrAt(int size) {
    return stderr[indexOf(size)];
  }

  /** Theory at a size on the curve. */
  public double theoryAt(int size) {
    return theory[indexOf(size)];
  }

  /** The size where the mean risk is largest: the peak of the curve. */
  public int peak() {
    int best = 0;
    for (int i = 1; i < mean.length; i++) if (mean[i] > mean[best]) best = i;
    return sizes[best];
  }

  /** The size with the smallest mean risk among sizes in [from, to]. */
  public int argminBetween(int from, int to) {
    int best = -1;
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] >= from && sizes[i] <= to && (best < 0 || mean[i] < mean[best])) best = i;
    }
    if (best < 0) throw new IllegalArgumentException("no " + variable + " in [" + from + ", " + to + "]");
    return sizes[best];
  }

  /**
   * The largest |mean − theory| / stderr over sizes with finite theory and |size − other| ≥ margin
   * (near the threshold the risk has infinite variance, so its standard error means nothing).
   * {@code other} is n for a model-wise curve, p for a sample-wise one.
   */
  public double maxZ(int other, int margin) {
    double z = 0;
    for (int i = 0; i < sizes.length; i++) {
      if (Math.abs(sizes[i] - other) < margin || !Double.isFinite(theory[i]) || !(stderr[i] > 0)) continue;
      z = Math.max(z, Math.abs(mean[i] - theory[i]) / stderr[i]);
    }
    return z;
  }

  /** The curve as a table: size, mean, stderr, theory. */
  public Table table() {
    return Table.create("risk against " + variable,
        IntColumn.create(variable, sizes),
        DoubleColumn.create("test_risk", mean),
        DoubleColumn.create("stderr", stderr),
        DoubleColumn.create("theory", theory));
  }
}
