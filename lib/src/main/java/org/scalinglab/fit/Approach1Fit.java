package org.scalinglab.fit;

import org.scalinglab.error.FitFailedException;

import java.util.ArrayList;
import java.util.List;
import org.scalinglab.data.LossCurve;

/**
 * Chinchilla Approach 1, the training-curve envelope (Hoffmann et al. 2022, Section 3.1): take the
 * loss curves of runs of several sizes, and at each of many FLOP counts (log-spaced; the paper used
 * 1,500) find the run with the lowest loss there; the sizes of those runs trace N_opt(C). Fit
 * N_opt ∝ C^a and D_opt ∝ C^b to the envelope by least squares in log–log space.
 *
 * <p>Curves are interpolated in (log C, log L) between their logged points; a FLOP count counts
 * only where at least {@code minCurves} curves reach it, so the envelope is a real comparison.
 */
public final class Approach1Fit {
  private final int gridPoints;
  private final int minCurves;
  private final double computeLo;
  private final double computeHi;

  private Approach1Fit(Builder b) {
    this.gridPoints = b.gridPoints;
    this.minCurves = b.minCurves;
    this.computeLo = b.computeLo;
    this.computeHi = b.computeHi;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Approach1Result fit(List<LossCurve> curves) {
    if (curves.size() < 2) throw new FitFailedException("Approach 1 needs loss curves of at least 2 model sizes, got " + curves.size());
    double lo = Double.POSITIVE_INFINITY, hi = 0;
    for (LossCurve c : curves) {
      lo = Math.min(lo, c.minCompute());
      hi = Math.max(hi, c.maxCompute());
    }
    if (computeLo > 0) {
      lo = Math.max(lo, computeLo);
      hi = Math.min(hi, computeHi);
      if (!(hi > lo)) throw new FitFailedException("Approach 1: the curves do not reach the requested compute range");
    }
    List<double[]> rows = new ArrayList<>();
    for (int g = 0; g < gridPoints; g++) {
      double c = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * g / (gridPoints - 1));
      int present = 0;
      double best = Double.POSITIVE_INFINITY, bestN = Double.NaN;
      for (LossCurve curve : curves) {
        double l = curve.lossAtCompute(c);
        if (Double.isNaN(l)) continue;
        present++;
        if (l < best) {
          best = l;
          bestN = curve.params();
        }
      }
      if (present >= minCurves) rows.add(new double[] {c, best, bestN, c / (6 * bestN)});
    }
    if (rows.size() < 3) {
      throw new FitFailedException("Approach 1: fewer than 3 FLOP counts are reached by " + minCurves
          + " or more curves; give curves that overlap in compute");
    }
    double[] cs = new double[rows.size()], ls = new double[rows.size()], ns = new double[rows.size()], ds = new double[rows.size()];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = rows.get(i)[0];
      ls[i] = rows.get(i)[1];
      ns[i] = rows.get(i)[2];
      ds[i] = rows.get(i)[3];
    }
    return new Approach1Result(cs, ls, ns, ds, PowerLawFit.fit(cs, ns), PowerLawFit.fit(cs, ds));
  }

  /** Options of an {@link Approach1Fit}. */
  public static final class Builder {
    private int gridPoints = 1500;
    private int minCurves = 2;
    private double computeLo = 0;
    private double computeHi = 0;

    private Builder() {}

    /**
     * Only FLOP counts in [lo, hi] (default: all the curves reach). Use it to keep the envelope where
     * the optimal size lies inside the sizes trained: beyond, the largest or smallest run wins by
     * default and bends the fit.
     */
    public Builder computeRange(double lo, double hi) {
      if (!(lo > 0 && hi > lo) || Double.isInfinite(hi)) throw new IllegalArgumentException("need 0 < lo < hi, got " + lo + ", " + hi);
      this.computeLo = lo;
      this.computeHi = hi;
      return this;
    }

    /** FLOP counts on the log grid (default 1,500, as Hoffmann et al.). */
    public Builder gridPoints(int k) {
      if (k < 3) throw new IllegalArgumentException("gridPoints must be ≥ 3, got " + k);
      this.gridPoints = k;
      return this;
    }

    /** Curves that must reach a FLOP count for it to count (default 2). */
    public Builder minCurves(int k) {
      if (k < 1) throw new IllegalArgumentException("minCurves must be ≥ 1, got " + k);
      this.minCurves = k;
      return this;
    }

    public Approach1Fit build() {
      return new Approach1Fit(this);
    }
  }
}
