package org.scalinglab.demo.doubledescent;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Least squares through the singular value decomposition X = U·S·Vᵀ (Commons Math): the
 * minimum-norm solution β̂ = X⁺y = Σ_{s_i &gt; tol} v_i (u_iᵀy)/s_i (the one gradient descent from
 * zero converges to, and the unique least-squares solution when X has full column rank), ridge
 * β̂_λ = (XᵀX + λI)⁻¹Xᵀy = Σ v_i s_i/(s_i² + λ)(u_iᵀy), and the singular values themselves.
 *
 * <p>Why Commons Math and not ND4J: measured at n = 100 and p = 50…300 on the project's 2-core
 * machine (load 4–9), one Commons Math SVD + pseudo-inverse took 43–108 ms and one ND4J
 * (LAPACK {@code dgesvd}, full U and Vᵀ) SVD 19–59 ms: the same order at these sizes, ND4J's native
 * start-up costs ≈0.5 s and it is leaving the library's runtime scope, so the pure-Java route is
 * used. Neither is fast enough for the 15,000 fits of a 300-point, 50-trial sweep (≈10 minutes),
 * which is why {@link DoubleDescent} does not call an SVD per fit: it uses closed forms of the
 * risk of this same estimator with a growing Cholesky factor (tests check the two agree).
 * The tolerance below which a singular value counts as zero is max(n, p)·s_max·2⁻⁵² (LAPACK's and
 * NumPy's {@code pinv} convention).
 */
public final class MinNormRegression {
  private MinNormRegression() {}

  /** The minimum-norm least-squares coefficients β̂ = X⁺y; x is n×p (rows are samples). */
  public static double[] fit(double[][] x, double[] y) {
    return ridge(x, y, 0);
  }

  /**
   * Ridge coefficients (XᵀX + λI)⁻¹Xᵀy for λ &gt; 0 (the unnormalised penalty λ‖β‖²), and the
   * minimum-norm solution for λ = 0.
   */
  public static double[] ridge(double[][] x, double[] y, double lambda) {
    int n = rows(x), p = x[0].length;
    if (y.length != n) throw new IllegalArgumentException("y has " + y.length + " entries but X has " + n + " rows");
    DoubleDescentTheory.requireNonNegative("ridge λ", lambda);
    SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(x, false));
    double[] s = svd.getSingularValues();
    RealMatrix u = svd.getU(), v = svd.getV();
    double tol = Math.max(n, p) * s[0] * Math.ulp(1.0);
    double[] beta = new double[p];
    for (int i = 0; i < s.length; i++) {
      if (lambda == 0 && !(s[i] > tol)) continue;
      double uy = 0;
      for (int r = 0; r < n; r++) uy += u.getEntry(r, i) * y[r];
      double f = s[i] / (s[i] * s[i] + lambda) * uy;
      for (int j = 0; j < p; j++) beta[j] += f * v.getEntry(j, i);
    }
    return beta;
  }

  /** The singular values of x, largest first (min(n, p) of them). */
  public static double[] singularValues(double[][] x) {
    rows(x);
    return new SingularValueDecomposition(new Array2DRowRealMatrix(x, false)).getSingularValues();
  }

  /** The smallest non-zero singular value (above the pseudo-inverse tolerance); 0 when x is zero. */
  public static double smallestNonZeroSingularValue(double[][] x) {
    double[] s = singularValues(x);
    double tol = Math.max(x.length, x[0].length) * s[0] * Math.ulp(1.0);
    double min = 0;
    for (double si : s) if (si > tol) min = si;
    return min;
  }

  /**
   * The smallest singular value of an x of full rank min(n, p), from the smaller Gram matrix: s_min² is
   * the smallest eigenvalue of XᵀX (p ≤ n) or XXᵀ (p &gt; n), a min(n, p)-square symmetric matrix
   * (Commons Math's symmetric eigensolver). At n = 100, p = 300 this is ≈10× faster than the SVD of
   * {@link #smallestNonZeroSingularValue}, which is why the Gaussian sweeps use it; a Gaussian matrix
   * has full rank with probability 1. Accurate while s_min² is well above s_max²·2⁻⁵² (for X with
   * 100 standard normal rows and p = 100 columns: s_min² ≈ 10⁻², s_max² ≈ 400). Not for
   * rank-deficient x (it would return ≈0, not the smallest non-zero value).
   */
  public static double smallestSingularValueFullRank(double[][] x) {
    int n = rows(x), p = x[0].length;
    int k = Math.min(n, p);
    double[][] g = new double[k][k];
    if (p <= n) {
      for (double[] row : x) {
        for (int i = 0; i < p; i++) {
          double ri = row[i];
          for (int j = 0; j <= i; j++) g[i][j] += ri * row[j];
        }
      }
    } else {
      for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int c = 0; c < p; c++) s += x[i][c] * x[j][c];
        g[i][j] = s;
      }
    }
    for (int i = 0; i < k; i++) for (int j = 0; j < i; j++) g[j][i] = g[i][j];
    double[] eig = new org.apache.commons.math3.linear.EigenDecomposition(new Array2DRowRealMatrix(g, false)).getRealEigenvalues();
    double min = Double.POSITIVE_INFINITY;
    for (double e : eig) min = Math.min(min, e);
    return Math.sqrt(Math.max(0, min));
  }

  /** x·β. */
  public static double[] predict(double[][] x, double[] beta) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != beta.length) throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, β has " + beta.length);
      double s = 0;
      for (int j = 0; j < beta.length; j++) s += x[i][j] * beta[j];
      out[i] = s;
    }
    return out;
  }

  private static int rows(double[][] x) {
    if (x.length == 0 || x[0].length == 0) throw new IllegalArgumentException("X must have at least one row and one column");
    for (int i = 1; i < x.length; i++) {
      if (x[i].length != x[0].length) throw new IllegalArgumentException("X row " + i + " has " + x[i].length + " columns, row 0 has " + x[0].length);
    }
    return x.length;
  }
}
