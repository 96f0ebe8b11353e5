package org.scalinglab.law;

import org.scalinglab.util.Checks;

/**
 * A pure power law y = a·x^(−α) (a &gt; 0). It is a straight line of slope −α on log–log axes,
 * because ln y = ln a − α·ln x. Multiplying x by a factor c multiplies y by c^(−α), whatever x is:
 * L(10X) = L(X)/10^α (Hestness et al. 2017, "Deep Learning Scaling Is Predictable, Empirically",
 * arXiv:1712.00409; the form of Kaplan et al. 2020, Eqs. 1.1–1.3).
 *
 * <p>The same curve written as y = (k·x)^p (the form one reads off a straight log–log line:
 * ln y = p·ln x + b gives k = e^(b/p)) has p = −α and k = a^(−1/α); see {@link #ofScaleForm} and
 * {@link #scaleK()}. The Kaplan form y = (x_c/x)^α has a = x_c^α; see {@link #ofCritical}.
 *
 * @param a coefficient: the value at x = 1
 * @param alpha exponent α (positive for a decreasing law; negative gives a growing law)
 */
public record PowerLaw(double a, double alpha) implements PowerCurve {

  public PowerLaw {
    Checks.positive("coefficient a", a);
    Checks.finite("exponent alpha", alpha);
    if (alpha == 0) throw new IllegalArgumentException("exponent alpha must be non-zero (a constant is not a power law)");
  }

  /** y = (k·x)^p, the form of a straight line ln y = p·ln x + p·ln k on log–log axes. */
  public static PowerLaw ofScaleForm(double k, double p) {
    Checks.positive("scale k", k);
    Checks.finite("power p", p);
    return new PowerLaw(Math.pow(k, p), -p);
  }

  /** y = (x_c / x)^α, Kaplan et al.'s form (x_c is where y = 1). */
  public static PowerLaw ofCritical(double xc, double alpha) {
    Checks.positive("critical scale x_c", xc);
    return new PowerLaw(Math.pow(xc, alpha), alpha);
  }

  /** The straight log–log line through two points (x1, y1) and (x2, y2): reading α off a plot. */
  public static PowerLaw throughPoints(double x1, double y1, double x2, double y2) {
    Checks.positive("x1", x1);
    Checks.positive("y1", y1);
    Checks.positive("x2", x2);
    Checks.positive("y2", y2);
    if (x1 == x2) throw new IllegalArgumentException("the two points need different x, got x1 = x2 = " + x1);
    double alpha = -Math.log(y2 / y1) / Math.log(x2 / x1);
    return new PowerLaw(y1 * Math.pow(x1, alpha), alpha);
  }

  @Override
  public double value(double x) {
    Checks.positive("x", x);
    return a * Math.pow(x, -alpha);
  }

  /** x = (a / y)^(1/α). */
  @Override
  public double inverse(double y) {
    Checks.positive("target y", y);
    return Math.pow(a / y, 1.0 / alpha);
  }

  /** −α at every x: a power law has one slope on log–log axes. */
  @Override
  public double localSlope(double x) {
    Checks.positive("x", x);
    return -alpha;
  }

  /** y(10x) / y(x) = 10^(−α): the loss divides by 10^α per decade of scale. */
  public double perDecadeFactor() {
    return Math.pow(10, -alpha);
  }

  /**
   * How many times larger x must be to go from yFrom down to yTo: (yFrom/yTo)^(1/α). E.g. with
   * α = 1, 10% → 0.01% error needs 1000×; with α = 0.5 it needs 10^6× (lecture 1).
   */
  public double scaleFactorFor(double yFrom, double yTo) {
    Checks.positive("yFrom", yFrom);
    Checks.positive("yTo", yTo);
    return Math.pow(yFrom / yTo, 1.0 / alpha);
  }

  /** k of the form y = (k·x)^p, with p = −α. */
  public double scaleK() {
    return Math.pow(a, -1.0 / alpha);
  }

  /** The x at which y = 1, i.e. x_c of the form (x_c/x)^α. */
  public double criticalScale() {
    return Math.pow(a, 1.0 / alpha);
  }

  /** This law plus an irreducible term E. */
  public OffsetPowerLaw plus(double irreducible) {
    return new OffsetPowerLaw(irreducible, a, alpha);
  }
}
