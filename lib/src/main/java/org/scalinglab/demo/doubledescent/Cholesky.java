package org.scalinglab.demo.doubledescent;

/**
 * A growing Cholesky factor L (A = L·Lᵀ, L lower triangular) of a symmetric positive-definite
 * matrix that the double-descent sweeps change one feature or one sample at a time: {@link #append}
 * borders A with a new row and column (O(k²)), {@link #update} adds a rank-one term x·xᵀ (O(k²), the
 * stable LINPACK {@code dchud} rotation scheme), {@link #forward}/{@link #solve} are the triangular
 * solves. Written by hand because Commons Math's {@code CholeskyDecomposition} (and ND4J's
 * {@code potrf}) only factor from scratch (O(k³) per step), which would make a 300-point sweep of
 * 50 trials take minutes instead of a fraction of a second.
 */
final class Cholesky {
  private final double[][] l; // row i holds L[i][0..i]
  private int size;

  /** An empty factor with room for {@code capacity} rows. */
  Cholesky(int capacity) {
    l = new double[capacity][];
  }

  /** The factor of a·I of size k (a > 0). */
  static Cholesky scaledIdentity(int k, double a) {
    Cholesky c = new Cholesky(k);
    double d = Math.sqrt(a);
    for (int i = 0; i < k; i++) {
      c.l[i] = new double[i + 1];
      c.l[i][i] = d;
    }
    c.size = k;
    return c;
  }

  /** Factors a symmetric positive-definite matrix from scratch; capacity = its size. */
  static Cholesky of(double[][] a) {
    Cholesky c = new Cholesky(a.length);
    for (int i = 0; i < a.length; i++) {
      double[] col = new double[i];
      System.arraycopy(a[i], 0, col, 0, i);
      c.append(col, a[i][i]);
    }
    return c;
  }

  int size() {
    return size;
  }

  /**
   * Borders A with a new last row/column: offDiag[j] = A[k][j] for j &lt; k, and diag = A[k][k].
   * Throws IllegalStateException when the bordered matrix is not numerically positive definite.
   */
  void append(double[] offDiag, double diag) {
    int k = size;
    double[] row = new double[k + 1];
    double ss = 0;
    for (int i = 0; i < k; i++) { // forward solve L·row = offDiag
      double[] li = l[i];
      double s = offDiag[i];
      for (int j = 0; j < i; j++) s -= li[j] * row[j];
      row[i] = s / li[i];
      ss += row[i] * row[i];
    }
    double d2 = diag - ss;
    if (!(d2 > 0)) throw new IllegalStateException("matrix is not positive definite at row " + k + " (pivot " + d2 + ")");
    row[k] = Math.sqrt(d2);
    l[k] = row;
    size = k + 1;
  }

  /** A ← A + x·xᵀ (x is overwritten). */
  void update(double[] x) {
    for (int k = 0; k < size; k++) {
      double lkk = l[k][k];
      double r = Math.hypot(lkk, x[k]);
      double c = r / lkk, s = x[k] / lkk;
      l[k][k] = r;
      for (int i = k + 1; i < size; i++) {
        double lik = (l[i][k] + s * x[i]) / c;
        x[i] = c * x[i] - s * lik;
        l[i][k] = lik;
      }
    }
  }

  /** z = L⁻¹·b (so bᵀA⁻¹b = ‖z‖²). */
  double[] forward(double[] b) {
    double[] z = new double[size];
    for (int i = 0; i < size; i++) {
      double[] li = l[i];
      double s = b[i];
      for (int j = 0; j < i; j++) s -= li[j] * z[j];
      z[i] = s / li[i];
    }
    return z;
  }

  /** A⁻¹·b. */
  double[] solve(double[] b) {
    double[] z = forward(b);
    for (int i = size - 1; i >= 0; i--) { // back solve Lᵀ·x = z, column-oriented
      z[i] /= l[i][i];
      double zi = z[i];
      for (int j = 0; j < i; j++) z[j] -= l[i][j] * zi;
    }
    return z;
  }
}
