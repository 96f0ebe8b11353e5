package org.scalinglab.fit;

import org.scalinglab.error.FitFailedException;

import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.scalinglab.data.WordFrequencies;
import org.scalinglab.law.PowerLaw;

/**
 * Fits a pure power law y = a·x^(−α) by ordinary least squares on (ln x, ln y), where it is the
 * straight line ln y = ln a − α·ln x (Commons Math {@link SimpleRegression}). Standard errors come
 * from the regression (they assume independent, equal-variance errors in log space).
 *
 * <pre>{@code
 * PowerLawFit fit = PowerLawFit.fit(x, y);
 * fit.alpha(); fit.alphaStdErr(); fit.law().value(1e9);
 * }</pre>
 *
 * @param law the fitted law
 * @param alphaStdErr standard error of α
 * @param logAStdErr standard error of ln a
 * @param rSquared R² of the fit in log space
 * @param n number of points used
 */
public record PowerLawFit(PowerLaw law, double alphaStdErr, double logAStdErr, double rSquared, int n) {

  /** Fits y = a·x^(−α) to the points; all x and y must be positive and finite, n ≥ 3. */
  public static PowerLawFit fit(double[] x, double[] y) {
    if (x == null || y == null) throw new IllegalArgumentException("x and y must not be null");
    if (x.length != y.length) {
      throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
    }
    if (x.length < 3) {
      throw new IllegalArgumentException("a power-law fit with standard errors needs at least 3 points, got " + x.length);
    }
    SimpleRegression reg = new SimpleRegression(true);
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] > 0) || !(y[i] > 0) || Double.isInfinite(x[i]) || Double.isInfinite(y[i])) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "point %d: x and y must be positive and finite for a log-space fit, got x = %s, y = %s", i, x[i], y[i]));
      }
      reg.addData(Math.log(x[i]), Math.log(y[i]));
    }
    double slope = reg.getSlope();
    if (!Double.isFinite(slope) || slope == 0) {
      throw new FitFailedException("power-law fit failed: the log-space slope is " + slope + " (are all x equal?)");
    }
    return new PowerLawFit(new PowerLaw(Math.exp(reg.getIntercept()), -slope),
        reg.getSlopeStdErr(), reg.getInterceptStdErr(), reg.getRSquare(), x.length);
  }

  /**
   * Zipf's law on a word-frequency table: fits frequency = a·rank^(−s) over ranks [fromRank, toRank]
   * by least squares in log space; the fitted α is Zipf's exponent s (Zipf 1949; for English text
   * s ≈ 1).
   */
  public static PowerLawFit zipf(WordFrequencies words, int fromRank, int toRank) {
    int size = words.entries().size();
    if (fromRank < 1 || toRank > size || toRank - fromRank < 2) {
      throw new IllegalArgumentException("need 1 ≤ fromRank, toRank ≤ " + size
          + " and at least 3 ranks, got [" + fromRank + ", " + toRank + "]");
    }
    int n = toRank - fromRank + 1;
    double[] r = new double[n], f = new double[n];
    double[] all = words.frequencies();
    for (int i = 0; i < n; i++) {
      r[i] = fromRank + i;
      f[i] = all[fromRank + i - 1];
    }
    return fit(r, f);
  }

  /**
   * Fits the reducible part of y = E + a·x^(−α) for a known irreducible term E: a power law on
   * (x, y − E). Every y must exceed E.
   */
  public static PowerLawFit fitAboveFloor(double[] x, double[] y, double irreducible) {
    double[] r = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      r[i] = y[i] - irreducible;
      if (!(r[i] > 0)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "point %d: y = %s is not above the irreducible term %s", i, y[i], irreducible));
      }
    }
    return fit(x, r);
  }

  /** The fitted exponent α. */
  public double alpha() {
    return law.alpha();
  }

  /** The fitted coefficient a. */
  public double a() {
    return law.a();
  }

  /**
   * A two-sided confidence interval for α at the given level (e.g. 0.95), from Student's t with
   * n − 2 degrees of freedom.
   */
  public double[] alphaInterval(double level) {
    if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    double t = new TDistribution(n - 2).inverseCumulativeProbability(0.5 + level / 2);
    return new double[] {alpha() - t * alphaStdErr, alpha() + t * alphaStdErr};
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "y = %.4g · x^(−%.4f ± %.4f), R² = %.4f, n = %d",
        a(), alpha(), alphaStdErr, rSquared, n);
  }
}
