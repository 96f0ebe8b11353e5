package org.scalinglab.law;

import org.scalinglab.util.Checks;
import org.scalinglab.units.PfDays;

/**
 * How Kaplan et al. 2020 (arXiv:2001.08361) spend a compute budget C on the compute-efficient
 * frontier: N ∝ C^0.73, B ∝ C^0.24, S ∝ C^0.03, hence D = B·S ∝ C^0.27 (Section 1.2 after Eq. 1.8,
 * Section 6.1). The normalisation of N is the fitted line of Figure 14 (left):
 * N_opt = 1.3 × 10^9 · C_min^0.73 with C_min in PF-days and N counting non-embedding parameters.
 * Here C_min is taken as the training FLOPs C, and D_opt = C / (6·N_opt) (C = 6ND, Section 2.1).
 *
 * <p>The exponents follow in theory from Eq. 1.7 with α_C^min = 1/(1/α_S + 1/α_B + 1/α_N) (Eq. 1.8):
 * N ∝ C^(α_C^min/α_N), B ∝ C^(α_C^min/α_B), S ∝ C^(α_C^min/α_S); see {@link #fromLawExponents}.
 *
 * @param nCoefficient N_opt at C_min = 1 PF-day
 * @param nExponent exponent of N_opt(C)
 * @param batchExponent exponent of the batch size B(C)
 * @param stepsExponent exponent of the step count S(C)
 */
public record KaplanAllocation(double nCoefficient, double nExponent, double batchExponent, double stepsExponent)
    implements ComputeAllocation {

  /** The empirical allocation of Kaplan et al. 2020: 1.3 × 10^9·C^0.73 (Fig. 14), B ∝ C^0.24, S ∝ C^0.03. */
  public static final KaplanAllocation KAPLAN_2020 = new KaplanAllocation(1.3e9, 0.73, 0.24, 0.03);

  public KaplanAllocation {
    Checks.positive("N_opt coefficient", nCoefficient);
    Checks.positive("N exponent", nExponent);
    Checks.finite("batch exponent", batchExponent);
    Checks.finite("steps exponent", stepsExponent);
  }

  /** α_C^min = 1/(1/α_S + 1/α_B + 1/α_N) (Kaplan et al. 2020, Eq. 1.8). */
  public static double alphaCMin(double alphaS, double alphaB, double alphaN) {
    Checks.positive("alpha_S", alphaS);
    Checks.positive("alpha_B", alphaB);
    Checks.positive("alpha_N", alphaN);
    return 1.0 / (1.0 / alphaS + 1.0 / alphaB + 1.0 / alphaN);
  }

  /**
   * The allocation exponents Eq. 1.7 predicts from the law exponents (coefficient kept from Fig. 14).
   * With α_S = 0.76, α_B = 0.21, α_N = 0.076 this gives N ∝ C^0.68, B ∝ C^0.25, S ∝ C^0.07; the
   * paper's empirical fit is 0.73, 0.24, 0.03.
   */
  public static KaplanAllocation fromLawExponents(double alphaS, double alphaB, double alphaN) {
    double ac = alphaCMin(alphaS, alphaB, alphaN);
    return new KaplanAllocation(KAPLAN_2020.nCoefficient, ac / alphaN, ac / alphaB, ac / alphaS);
  }

  /** Exponent of D_opt(C) = B·S: batchExponent + stepsExponent (0.27 for the paper's fit). */
  public double tokensExponent() {
    return batchExponent + stepsExponent;
  }

  /** N_opt(C) = coefficient · (C in PF-days)^nExponent, C in FLOPs. */
  @Override
  public double optimalParams(double compute) {
    Checks.positive("compute C (FLOPs)", compute);
    return nCoefficient * Math.pow(PfDays.fromFlops(compute), nExponent);
  }

  /** D_opt(C) = C / (6·N_opt(C)). */
  @Override
  public double optimalTokens(double compute) {
    return compute / (6 * optimalParams(compute));
  }

  /** How much N_opt grows when compute grows by the factor: factor^0.73 (100× → 28.8×). */
  public double paramsGrowth(double computeFactor) {
    return Math.pow(Checks.positive("compute factor", computeFactor), nExponent);
  }

  /** How much the data grows when compute grows by the factor: factor^0.27 (100× → 3.47×). */
  public double tokensGrowth(double computeFactor) {
    return Math.pow(Checks.positive("compute factor", computeFactor), tokensExponent());
  }

  /** How much the batch size grows: factor^0.24. */
  public double batchGrowth(double computeFactor) {
    return Math.pow(Checks.positive("compute factor", computeFactor), batchExponent);
  }

  /** How much the number of steps grows: factor^0.03. */
  public double stepsGrowth(double computeFactor) {
    return Math.pow(Checks.positive("compute factor", computeFactor), stepsExponent);
  }

  @Override
  public String name() {
    return this.equals(KAPLAN_2020) ? "Kaplan et al. 2020 (N ∝ C^0.73, Fig. 14)"
        : String.format(java.util.Locale.ROOT, "Kaplan-form allocation (N ∝ C^%.3g)", nExponent);
  }
}
