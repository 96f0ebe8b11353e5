package org.scalinglab.demo.doubledescent;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The smallest non-zero singular value of an n×p feature matrix against p, averaged over trials,
 * with the Marchenko–Pastur edge |√p − √n| it follows for Gaussian features (Bai &amp; Yin 1993; at
 * p = n it is of order 1/√n instead, Rudelson &amp; Vershynin 2008). The estimator's variance is
 * σ²·Σ 1/s_i², so the collapse of s_min at p ≈ n is the peak.
 *
 * @param sizes feature counts p
 * @param mean mean smallest non-zero singular value at each p
 * @param edge |√p − √n| at each p (NaN where not applicable)
 * @param n training points
 */
public record SingularValueCurve(int[] sizes, double[] mean, double[] edge, int n) {
  public SingularValueCurve {
    sizes = sizes.clone();
    mean = mean.clone();
    edge = edge.clone();
  }

  @Override public int[] sizes() { return sizes.clone(); }
  @Override public double[] mean() { return mean.clone(); }
  @Override public double[] edge() { return edge.clone(); }

  /** The p with the smallest mean s_min. */
  public int argmin() {
    int best = 0;
    for (int i = 1; i < mean.length; i++) if (mean[i] < mean[best]) best = i;
    return sizes[best];
  }

  /** Mean s_min at p. */
  public double meanAt(int p) {
    for (int i = 0; i < sizes.length; i++) if (sizes[i] == p) return mean[i];
    throw new IllegalArgumentException("p = " + p + " is not on this curve");
  }

  public double[] sizesAsDoubles() {
    return java.util.Arrays.stream(sizes).asDoubleStream().toArray();
  }

  public Table table() {
    return Table.create("smallest singular value", IntColumn.create("p", sizes),
        DoubleColumn.create("s_min", mean), DoubleColumn.create("edge", edge));
  }
}
