package org.scalinglab.law;

import org.scalinglab.util.Checks;

/**
 * A loss (or error) that depends on one scale variable x (parameters, tokens, compute, rank …)
 * through a power law. Implemented by {@link PowerLaw} (y = a·x^(−α)) and {@link OffsetPowerLaw}
 * (y = E + a·x^(−α)).
 */
public interface PowerCurve {
  /** y(x) for x &gt; 0. */
  double value(double x);

  /** The x at which the curve reaches the target y (the scale needed for a target loss). */
  double inverse(double y);

  /**
   * The local slope d ln y / d ln x at x: what a straight-edge laid on a log–log plot at x reads.
   * For a pure power law it is −α everywhere.
   */
  double localSlope(double x);

  /** y at each x. */
  default double[] values(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = value(x[i]);
    return y;
  }

  /** y(factor·x) / y(x): how much the loss shrinks when the scale grows by {@code factor}. */
  default double ratio(double x, double factor) {
    Checks.positive("factor", factor);
    return value(factor * x) / value(x);
  }

  /**
   * Synthetic measurements: y(x)·exp(σ·z) with z standard normal from a seeded generator, i.e.
   * Gaussian noise of standard deviation σ in log space (what a log-space fit assumes).
   */
  default double[] sampleWithNoise(double[] x, double logSigma, long seed) {
    if (!(logSigma >= 0) || Double.isInfinite(logSigma)) {
      throw new IllegalArgumentException("log-space noise sigma must be finite and >= 0, got " + logSigma);
    }
    java.util.Random rng = new java.util.Random(seed);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = value(x[i]) * Math.exp(logSigma * rng.nextGaussian());
    return y;
  }
}
