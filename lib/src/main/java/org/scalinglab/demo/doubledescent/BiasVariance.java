package org.scalinglab.demo.doubledescent;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The bias–variance decomposition of test risk at each model size, estimated by resampling training
 * sets: with f̂_s the model fitted on training set s (S of them, the features and test points held
 * fixed) and f̄ = mean_s f̂_s, at test points x: bias² = mean_x (f̄(x) − f*(x))², variance =
 * mean_x mean_s (f̂_s(x) − f̄(x))², and risk = mean_s mean_x (f̂_s(x) − f*(x))² = bias² + variance
 * (Geman, Bienenstock &amp; Doursat 1992; the lecture's "three regimes").
 *
 * @param sizes the feature counts p
 * @param bias2 squared bias at each p
 * @param variance variance at each p
 * @param resamples training sets S per size
 */
public record BiasVariance(int[] sizes, double[] bias2, double[] variance, int resamples) {
  public BiasVariance {
    if (bias2.length != sizes.length || variance.length != sizes.length) {
      throw new IllegalArgumentException("sizes, bias2 and variance must have the same length");
    }
    sizes = sizes.clone();
    bias2 = bias2.clone();
    variance = variance.clone();
  }

  @Override public int[] sizes() { return sizes.clone(); }
  @Override public double[] bias2() { return bias2.clone(); }
  @Override public double[] variance() { return variance.clone(); }

  /** bias² + variance at each size. */
  public double[] risk() {
    double[] r = new double[sizes.length];
    for (int i = 0; i < r.length; i++) r[i] = bias2[i] + variance[i];
    return r;
  }

  private int indexOf(int p) {
    for (int i = 0; i < sizes.length; i++) if (sizes[i] == p) return i;
    throw new IllegalArgumentException("p = " + p + " is not among the decomposed sizes");
  }

  /** Squared bias at p. */
  public double bias2At(int p) {
    return bias2[indexOf(p)];
  }

  /** Variance at p. */
  public double varianceAt(int p) {
    return variance[indexOf(p)];
  }

  /** The sizes as doubles (for charts). */
  public double[] sizesAsDoubles() {
    return java.util.Arrays.stream(sizes).asDoubleStream().toArray();
  }

  /** p, bias², variance, risk as a table. */
  public Table table() {
    return Table.create("bias–variance decomposition",
        IntColumn.create("p", sizes), DoubleColumn.create("bias2", bias2),
        DoubleColumn.create("variance", variance), DoubleColumn.create("risk", risk()));
  }
}
