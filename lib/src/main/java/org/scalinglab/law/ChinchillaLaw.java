package org.scalinglab.law;

import org.scalinglab.util.Checks;

/**
 * The Chinchilla parametric loss L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, "Training
 * Compute-Optimal Large Language Models", arXiv:2203.15556, Eq. 2 and Section 3.3).
 *
 * <p>Under the budget C = 6ND the loss is minimised in closed form (Hoffmann et al. 2022, Eq. 4 and
 * Appendix D.2): N*(C) = G·(C/6)^a and D*(C) = G⁻¹·(C/6)^b with G = (αA / (βB))^(1/(α+β)),
 * a = β/(α+β) and b = α/(α+β).
 *
 * @param e irreducible loss E (nats per token)
 * @param a coefficient A of the parameter term
 * @param b coefficient B of the data term
 * @param alpha exponent α of the parameter term
 * @param beta exponent β of the data term
 */
public record ChinchillaLaw(double e, double a, double b, double alpha, double beta)
    implements ScalingLaw, ComputeAllocation {

  /**
   * The constants Hoffmann et al. 2022 printed for their Approach 3 fit (Eq. 10): E = 1.69,
   * A = 406.4, B = 410.7, α = 0.34, β = 0.28.
   */
  public static final ChinchillaLaw HOFFMANN_2022 = new ChinchillaLaw(1.69, 406.4, 410.7, 0.34, 0.28);

  public ChinchillaLaw {
    Checks.finite("E", e);
    Checks.positive("A", a);
    Checks.positive("B", b);
    Checks.positive("alpha", alpha);
    Checks.positive("beta", beta);
  }

  @Override
  public double loss(double n, double d) {
    Checks.positive("N (parameters)", n);
    Checks.positive("D (tokens)", d);
    return e + a / Math.pow(n, alpha) + b / Math.pow(d, beta);
  }

  /** Exponent a = β/(α+β) of N*(C) ∝ C^a. */
  public double paramsExponent() {
    return beta / (alpha + beta);
  }

  /** Exponent b = α/(α+β) of D*(C) ∝ C^b. */
  public double tokensExponent() {
    return alpha / (alpha + beta);
  }

  /** Compute-optimal parameter count N*(C) under C = 6ND (closed form, Hoffmann et al. Eq. 4). */
  @Override
  public double optimalParams(double compute) {
    Checks.positive("compute C (FLOPs)", compute);
    return Math.exp(logOptimalParams(Math.log(a), Math.log(b), alpha, beta, compute));
  }

  /**
   * log N*(C) for the law E + A/N^α + B/D^β under C = 6ND, from log A and log B (so that fitted
   * constants as large as e^40 neither overflow nor lose digits): N*(C) = G·(C/6)^(β/(α+β)) with
   * G = (αA/(βB))^(1/(α+β)) (Hoffmann et al. 2022, Eq. 4). The one place this closed form is
   * written; fitted laws and their bootstrap intervals use it too.
   */
  public static double logOptimalParams(double logA, double logB, double alpha, double beta, double compute) {
    double logG = (Math.log(alpha / beta) + logA - logB) / (alpha + beta);
    return logG + beta / (alpha + beta) * Math.log(compute / 6.0);
  }

  /** Compute-optimal token count D*(C) = C / (6 N*(C)). */
  @Override
  public double optimalTokens(double compute) {
    return compute / (6.0 * optimalParams(compute));
  }

  /**
   * Tokens per parameter at this law's compute optimum, D*(C)/N*(C) = (C/6)/N*(C)². It changes
   * slowly with C (as C^(b−a)). With the Eq. 10 constants it is ≈ 93 at Gopher's budget of
   * 5.76 × 10^23 FLOPs, whereas Hoffmann et al.'s Approach 1 projections (Table 3) give ≈ 20 — see
   * {@link TokensPerParamRule#CHINCHILLA_20}.
   */
  @Override
  public double tokensPerParam(double compute) {
    double n = optimalParams(compute);
    return compute / (6.0 * n * n);
  }

  /** The loss at the compute optimum, L(N*(C), D*(C)). */
  public double optimalLoss(double compute) {
    return loss(optimalParams(compute), optimalTokens(compute));
  }

  /** L(N) = E + A/N^α: the loss with unlimited data, as a power curve in N. */
  public OffsetPowerLaw paramsCurve() {
    return new OffsetPowerLaw(e, a, alpha);
  }

  /** L(D) = E + B/D^β: the loss of an unlimited model, as a power curve in D. */
  public OffsetPowerLaw tokensCurve() {
    return new OffsetPowerLaw(e, b, beta);
  }

  @Override
  public String name() {
    return this.equals(HOFFMANN_2022) ? "Chinchilla (Hoffmann et al. 2022, Eq. 10)" : "Chinchilla-form law";
  }


}
