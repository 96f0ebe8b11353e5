package org.scalinglab.law;

import org.scalinglab.util.Checks;

/**
 * Kaplan et al. 2020 (arXiv:2001.08361), Eq. 1.6: the loss of a model with N non-embedding
 * parameters after S_min optimisation steps (steps counted as if trained at a batch size much larger
 * than the critical one, Eq. 5.4), on effectively unlimited data:
 * <pre>
 *   L(N, S_min) = (N_c/N)^α_N + (S_c/S_min)^α_S                (Eq. 1.6)
 * </pre>
 * with S_c ≈ 2.1 × 10^3 and α_S ≈ 0.76 (Section 1.2). The parameter term uses Eq. 1.1's constants.
 * Larger models reach a given loss in fewer steps: they are more sample-efficient (Section 1.1).
 *
 * @param alphaN exponent α_N
 * @param nC critical parameter count N_c
 * @param alphaS exponent α_S of the step term
 * @param sC critical step count S_c
 */
public record KaplanStepsLaw(double alphaN, double nC, double alphaS, double sC) {

  /** α_S ≈ 0.76 (Kaplan et al. 2020, Eq. 1.6). */
  public static final double ALPHA_S = 0.76;
  /** S_c ≈ 2.1 × 10^3 steps (Eq. 1.6). */
  public static final double S_C = 2.1e3;

  /** Eq. 1.6 with α_N, N_c of Eq. 1.1 and α_S, S_c of Eq. 1.6. */
  public static final KaplanStepsLaw KAPLAN_2020 =
      new KaplanStepsLaw(KaplanLaw.ALPHA_N, KaplanLaw.N_C, ALPHA_S, S_C);

  public KaplanStepsLaw {
    Checks.positive("alpha_N", alphaN);
    Checks.positive("N_c", nC);
    Checks.positive("alpha_S", alphaS);
    Checks.positive("S_c", sC);
  }

  /** L(N, S_min) of Eq. 1.6. */
  public double loss(double n, double sMin) {
    Checks.positive("N (parameters)", n);
    Checks.positive("S_min (steps)", sMin);
    return Math.pow(nC / n, alphaN) + Math.pow(sC / sMin, alphaS);
  }

  /** The loss a model of N parameters approaches with unlimited steps: (N_c/N)^α_N. */
  public double convergedLoss(double n) {
    Checks.positive("N (parameters)", n);
    return Math.pow(nC / n, alphaN);
  }

  /**
   * Steps S_min a model of N parameters needs to reach the target loss: Eq. 1.6 solved for S_min,
   * S_min = S_c / (L − (N_c/N)^α_N)^(1/α_S). The target must lie above the converged loss.
   */
  public double stepsFor(double n, double targetLoss) {
    Checks.positive("target loss", targetLoss);
    double floor = convergedLoss(n);
    if (!(targetLoss > floor)) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "target loss %.4f is not above the converged loss %.4f of a %.3g-parameter model", targetLoss, floor, n));
    }
    return sC / Math.pow(targetLoss - floor, 1.0 / alphaS);
  }
}
