package org.scalinglab.fit;

import org.scalinglab.error.FitFailedException;

import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.util.Pair;
import org.scalinglab.law.OffsetPowerLaw;

/**
 * Fits a power law with an offset, y = E + a·x^(−α), the form of Kaplan et al. 2020's single-variable
 * laws with an irreducible term (L(N) and L(D), Eqs. 1.1–1.2; Henighan et al. 2020 Eq. 1.1), by least
 * squares on log y with the model written as log ŷ = LSE(ε, log a − α·log x), ε = log E, so E stays
 * positive (Commons Math Levenberg–Marquardt from a few starts, analytic Jacobian).
 *
 * @param law the fitted law
 * @param objective sum of squared log residuals
 * @param n number of points
 */
public record OffsetPowerLawFit(OffsetPowerLaw law, double objective, int n) {

  /** Fits y = E + a·x^(−α) to positive points (at least 4). */
  public static OffsetPowerLawFit fit(double[] x, double[] y) {
    if (x.length != y.length) throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
    if (x.length < 4) throw new FitFailedException("a power law with offset has 3 parameters; need at least 4 points, got " + x.length);
    double[] lx = new double[x.length], ly = new double[y.length];
    double minY = Double.POSITIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] > 0) || !(y[i] > 0) || Double.isInfinite(x[i]) || Double.isInfinite(y[i])) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "point %d: x and y must be positive and finite, got %s, %s", i, x[i], y[i]));
      }
      lx[i] = Math.log(x[i]);
      ly[i] = Math.log(y[i]);
      minY = Math.min(minY, y[i]);
    }
    int m = x.length;
    LogLeastSquares.Solution s = LogLeastSquares.solve(p -> {
      double eps = p.getEntry(0), la = p.getEntry(1), alpha = p.getEntry(2);
      double[] v = new double[m];
      double[][] j = new double[m][3];
      for (int i = 0; i < m; i++) {
        double t = la - alpha * lx[i], mx = Math.max(eps, t);
        double u1 = Math.exp(eps - mx), u2 = Math.exp(t - mx), sum = u1 + u2;
        v[i] = mx + Math.log(sum);
        j[i][0] = u1 / sum;
        j[i][1] = u2 / sum;
        j[i][2] = -u2 / sum * lx[i];
      }
      return new Pair<>(new ArrayRealVector(v, false), new Array2DRowRealMatrix(j, false));
    }, ly, starts(minY, lx, ly));
    if (s == null || !(s.point()[2] > 0)) {
      throw new FitFailedException("the power law with offset did not fit: no start gave a decreasing law");
    }
    double[] p = s.point();
    return new OffsetPowerLawFit(new OffsetPowerLaw(Math.exp(p[0]), Math.exp(p[1]), p[2]), s.cost(), m);
  }

  private static double[][] starts(double minY, double[] lx, double[] ly) {
    double[][] out = new double[9][];
    int k = 0;
    for (double frac : new double[] {0.3, 0.6, 0.9}) {
      for (double alpha : new double[] {0.1, 0.3, 0.7}) {
        // choose log a so the law passes through the first point with this E and α
        double reducible = Math.max(Math.exp(ly[0]) - frac * minY, 1e-3 * minY);
        out[k++] = new double[] {Math.log(frac * minY), Math.log(reducible) + alpha * lx[0], alpha};
      }
    }
    return out;
  }
}
