package org.scalinglab.fit;

import org.scalinglab.error.FitFailedException;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.util.Pair;
import org.scalinglab.data.Runs;
import org.scalinglab.law.KaplanLaw;

/**
 * Fits Kaplan et al. 2020's joint law L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D (Eq. 1.5) to runs, by
 * least squares on log L (Commons Math Levenberg–Marquardt, analytic Jacobian, a small grid of
 * starts around the published constants). With u = (α_N/α_D)(log N_c − log N) and
 * v = log D_c − log D the model is log L̂ = α_D·LSE(u, v), over θ = (log N_c, log D_c, α_N, α_D).
 *
 * <p>Kaplan's law has no irreducible term, so on data with a floor (like Chinchilla's) it bends
 * less than the data do; that contrast is what the lecture discusses. For the single-variable laws
 * with an offset, see {@link OffsetPowerLawFit}.
 */
public final class KaplanFit {
  private final Exclusions exclusions;

  private KaplanFit(Builder b) {
    this.exclusions = b.exclusions;
  }

  public static Builder builder() {
    return new Builder();
  }

  public KaplanResult fit(Runs runs) {
    Runs used = exclusions.apply(runs);
    int m = used.size();
    Identifiability.requireDetermined(used, "the Kaplan joint law [(N_c/N)^(α_N/α_D) + D_c/D]^α_D", 4, 2);
    double[] ln = new double[m], ld = new double[m], ll = new double[m];
    for (int i = 0; i < m; i++) {
      ln[i] = Math.log(used.get(i).params());
      ld[i] = Math.log(used.get(i).tokens());
      ll[i] = Math.log(used.get(i).loss());
    }
    LogLeastSquares.Solution s = LogLeastSquares.solve(p -> {
      double lnc = p.getEntry(0), ldc = p.getEntry(1), an = p.getEntry(2), ad = p.getEntry(3);
      double[] v = new double[m];
      double[][] j = new double[m][4];
      for (int i = 0; i < m; i++) {
        double u = an / ad * (lnc - ln[i]), w = ldc - ld[i], mx = Math.max(u, w);
        double eu = Math.exp(u - mx), ew = Math.exp(w - mx), sum = eu + ew;
        double lse = mx + Math.log(sum), wu = eu / sum, ww = ew / sum;
        v[i] = ad * lse;
        j[i][0] = an * wu;
        j[i][1] = ad * ww;
        j[i][2] = wu * (lnc - ln[i]);
        j[i][3] = lse - wu * u;
      }
      return new Pair<>(new ArrayRealVector(v, false), new Array2DRowRealMatrix(j, false));
    }, ll, starts());
    if (s == null || !(s.point()[2] > 0 && s.point()[3] > 0)) {
      throw new FitFailedException(runs.source() + ": the Kaplan joint law did not fit (no start gave positive exponents)");
    }
    double[] p = s.point();
    for (double x : p) {
      if (!Double.isFinite(x) || !Double.isFinite(Math.exp(p[0])) || !Double.isFinite(Math.exp(p[1]))) {
        throw new FitFailedException(runs.source() + ": the Kaplan fit did not converge: a parameter ran to a non-finite value; no law is reported");
      }
    }
    return new KaplanResult(new KaplanLaw(p[2], Math.exp(p[0]), p[3], Math.exp(p[1])), s.cost(), s.converged(), used);
  }

  private static double[][] starts() {
    double[][] out = new double[8][];
    int k = 0;
    for (double scale : new double[] {1, 1e-3}) {
      for (double an : new double[] {KaplanLaw.ALPHA_N, 0.2}) {
        for (double ad : new double[] {KaplanLaw.ALPHA_D, 0.25}) {
          out[k++] = new double[] {Math.log(KaplanLaw.N_C * scale), Math.log(KaplanLaw.D_C * scale), an, ad};
        }
      }
    }
    return out;
  }

  /** Options of a {@link KaplanFit}. */
  public static final class Builder {
    private Exclusions exclusions = Exclusions.none();

    private Builder() {}

    public Builder exclusions(Exclusions e) {
      if (e == null) throw new IllegalArgumentException("exclusions must not be null");
      this.exclusions = e;
      return this;
    }

    public KaplanFit build() {
      return new KaplanFit(this);
    }
  }
}
