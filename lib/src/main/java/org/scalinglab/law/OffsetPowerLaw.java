package org.scalinglab.law;

import org.scalinglab.util.Checks;

/**
 * A power law with an irreducible term: y = E + a·x^(−α). The reducible part a·x^(−α) still falls
 * as a power law, but y flattens toward E, so on log–log axes the curve bends and its local slope
 * −α·(y − E)/y goes to 0. For cross-entropy, E stands for the entropy of the data that no model can
 * beat (lecture 3; Hoffmann et al. 2022, Eq. 2; Henighan et al. 2020, arXiv:2010.14701, Eq. 1.1).
 *
 * @param e irreducible term E (the asymptote as x → ∞)
 * @param a coefficient of the reducible part
 * @param alpha exponent of the reducible part (&gt; 0)
 */
public record OffsetPowerLaw(double e, double a, double alpha) implements PowerCurve {

  public OffsetPowerLaw {
    Checks.finite("irreducible term E", e);
    Checks.positive("coefficient a", a);
    Checks.positive("exponent alpha", alpha);
  }

  /** The reducible part a·x^(−α) alone. */
  public PowerLaw reducible() {
    return new PowerLaw(a, alpha);
  }

  @Override
  public double value(double x) {
    Checks.positive("x", x);
    return e + a * Math.pow(x, -alpha);
  }

  /** x = (a / (y − E))^(1/α); the target must lie above the irreducible term. */
  @Override
  public double inverse(double y) {
    Checks.finite("target y", y);
    if (!(y > e)) {
      throw new IllegalArgumentException("target " + y + " is not above the irreducible term E = " + e
          + ": no finite scale reaches it");
    }
    return Math.pow(a / (y - e), 1.0 / alpha);
  }

  /** d ln y / d ln x = −α·(y − E)/y, which tends to 0 as y approaches E. */
  @Override
  public double localSlope(double x) {
    double y = value(x);
    return -alpha * (y - e) / y;
  }
}
