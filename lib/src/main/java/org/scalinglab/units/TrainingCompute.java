package org.scalinglab.units;

import org.scalinglab.util.Checks;

/**
 * Training compute C ≈ 6·N·D FLOPs for N parameters and D tokens: 2N per token forward, 4N backward
 * (Kaplan et al. 2020, arXiv:2001.08361, Section 2.1; Hoffmann et al. 2022, Section 3). Kaplan et
 * al. write it C = 6·N·B·S for batch size B (tokens) and S steps, since D = B·S.
 */
public final class TrainingCompute {
  private TrainingCompute() {}

  /** C = 6·N·D FLOPs. */
  public static double flops(double params, double tokens) {
    return 6.0 * Checks.positive("N (parameters)", params) * Checks.positive("D (tokens)", tokens);
  }

  /** C = 6·N·B·S FLOPs for batch size B (tokens per step) and S steps. */
  public static double flops(double params, double batchTokens, double steps) {
    return flops(params, Checks.positive("B (tokens per batch)", batchTokens) * Checks.positive("S (steps)", steps));
  }

  /** D = C / (6N): the tokens a budget buys for a model of N parameters. */
  public static double tokens(double compute, double params) {
    return Checks.positive("C (FLOPs)", compute) / (6.0 * Checks.positive("N (parameters)", params));
  }

  /** N = C / (6D): the model a budget affords for D tokens. */
  public static double params(double compute, double tokens) {
    return Checks.positive("C (FLOPs)", compute) / (6.0 * Checks.positive("D (tokens)", tokens));
  }

}
