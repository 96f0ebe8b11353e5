package org.scalinglab.law;

import org.scalinglab.util.Checks;
import org.scalinglab.units.PfDays;

/**
 * Kaplan et al. 2020, "Scaling Laws for Neural Language Models" (arXiv:2001.08361): the loss of a
 * model with N non-embedding parameters trained (with early stopping) on D tokens,
 * <pre>
 *   L(N, D) = [ (N_c/N)^(α_N/α_D) + D_c/D ]^α_D            (Eq. 1.5)
 * </pre>
 * which reduces to L(N) = (N_c/N)^α_N (Eq. 1.1) when D → ∞ and to L(D) = (D_c/D)^α_D (Eq. 1.2) when
 * N → ∞. Loss in nats per token on the authors' WebText2 test set (their byte-pair tokenizer), so
 * absolute values are not comparable with Chinchilla's MassiveText losses.
 *
 * @param alphaN exponent α_N of the parameter law
 * @param nC critical parameter count N_c
 * @param alphaD exponent α_D of the data law
 * @param dC critical token count D_c
 */
public record KaplanLaw(double alphaN, double nC, double alphaD, double dC) implements ScalingLaw {

  /** α_N ≈ 0.076 (Kaplan et al. 2020, Eq. 1.1). */
  public static final double ALPHA_N = 0.076;
  /** N_c ≈ 8.8 × 10^13 non-embedding parameters (Eq. 1.1). */
  public static final double N_C = 8.8e13;
  /** α_D ≈ 0.095 (Eq. 1.2). */
  public static final double ALPHA_D = 0.095;
  /** D_c ≈ 5.4 × 10^13 tokens (Eq. 1.2). */
  public static final double D_C = 5.4e13;
  /** α_C^min ≈ 0.050, exponent of the compute-efficient frontier L(C_min) (Eq. 1.3). */
  public static final double ALPHA_C_MIN = 0.050;
  /** C_c^min ≈ 3.1 × 10^8 PF-days (Eq. 1.3; Figure 1 prints the fitted line with 2.3 × 10^8). */
  public static final double C_C_MIN_PF_DAYS = 3.1e8;

  /** The constants of Kaplan et al. 2020, Section 1.2 (Eqs. 1.1, 1.2, 1.5). */
  public static final KaplanLaw KAPLAN_2020 = new KaplanLaw(ALPHA_N, N_C, ALPHA_D, D_C);

  public KaplanLaw {
    Checks.positive("alpha_N", alphaN);
    Checks.positive("N_c", nC);
    Checks.positive("alpha_D", alphaD);
    Checks.positive("D_c", dC);
  }

  /** Eq. 1.5: L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D. */
  @Override
  public double loss(double n, double d) {
    Checks.positive("N (parameters)", n);
    Checks.positive("D (tokens)", d);
    return Math.pow(Math.pow(nC / n, alphaN / alphaD) + dC / d, alphaD);
  }

  /** Eq. 1.1, L(N) = (N_c/N)^α_N: models trained to convergence on plenty of data. */
  public PowerLaw paramsLaw() {
    return PowerLaw.ofCritical(nC, alphaN);
  }

  /** Eq. 1.2, L(D) = (D_c/D)^α_D: large models trained with early stopping on D tokens. */
  public PowerLaw tokensLaw() {
    return PowerLaw.ofCritical(dC, alphaD);
  }

  /**
   * Tokens a model of N parameters needs to reach the target loss: Eq. 1.5 solved for D,
   * D = D_c / (L^(1/α_D) − (N_c/N)^(α_N/α_D)). Larger models need fewer tokens for the same loss
   * (they are more sample-efficient). The target must lie above L(N) of Eq. 1.1.
   */
  public double tokensFor(double n, double targetLoss) {
    Checks.positive("target loss", targetLoss);
    double floor = lossOfParams(n);
    if (!(targetLoss > floor)) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "target loss %.4f is not above L(N) = %.4f of a %.3g-parameter model", targetLoss, floor, n));
    }
    return dC / (Math.pow(targetLoss, 1.0 / alphaD) - Math.pow(nC / n, alphaN / alphaD));
  }

  /** L(N) of Eq. 1.1. */
  public double lossOfParams(double n) {
    return paramsLaw().value(n);
  }

  /** L(D) of Eq. 1.2. */
  public double lossOfTokens(double d) {
    return tokensLaw().value(d);
  }

  /**
   * Eq. 1.3, the compute-efficient frontier L(C_min) = (C_c^min / C_min)^α_C^min with C_min in
   * PF-days (the loss reached with the best model size for each compute budget).
   */
  public static PowerLaw computeLaw() {
    return PowerLaw.ofCritical(C_C_MIN_PF_DAYS, ALPHA_C_MIN);
  }

  /** L(C_min) of Eq. 1.3, with C_min in FLOPs (converted to PF-days). */
  public static double lossOfMinCompute(double flops) {
    Checks.positive("compute C_min (FLOPs)", flops);
    return computeLaw().value(flops / PfDays.FLOPS_PER_PF_DAY);
  }

  /**
   * The minimiser of Eq. 1.5 under C = 6ND, in closed form: setting d/dN of
   * (N_c/N)^p + 6·D_c·N/C to zero (p = α_N/α_D) gives N* = (p·N_c^p·C / (6·D_c))^(1/(1+p)), so
   * N* ∝ C^(1/(1+p)) ≈ C^0.56. This is not the paper's compute-efficient allocation N ∝ C^0.73
   * ({@link KaplanAllocation}), which comes from L(N, S_min) with the critical batch size; it is
   * what Eq. 1.5 alone implies, and it checks the numeric optimiser on a second law.
   */
  public double optimalParamsUnderSixND(double compute) {
    Checks.positive("compute C (FLOPs)", compute);
    double p = alphaN / alphaD;
    return Math.pow(p * Math.pow(nC, p) * compute / (6 * dC), 1.0 / (1 + p));
  }

  /**
   * D needed to keep the overfitting penalty small, Kaplan et al. 2020 Eq. 4.4: D ≳ 5×10^3·N^0.74.
   */
  public static double tokensToAvoidOverfitting(double n) {
    Checks.positive("N (parameters)", n);
    return 5e3 * Math.pow(n, 0.74);
  }

  @Override
  public String name() {
    return this.equals(KAPLAN_2020) ? "Kaplan et al. 2020, Eq. 1.5" : "Kaplan-form law";
  }
}
