package org.scalinglab.law;

/**
 * A rule that splits a training budget C (FLOPs) between parameters N and tokens D with C = 6ND:
 * Chinchilla's closed form ({@link ChinchillaLaw}), Kaplan et al.'s compute-efficient frontier
 * ({@link KaplanAllocation}), a fixed tokens-per-parameter rule ({@link TokensPerParamRule}), or
 * the numeric optimum of any law ({@code compute.ComputeOptimum#allocation}).
 */
public interface ComputeAllocation {
  /** N_opt(C), parameters. */
  double optimalParams(double compute);

  /** D_opt(C) = C / (6·N_opt(C)), tokens. */
  default double optimalTokens(double compute) {
    return compute / (6.0 * optimalParams(compute));
  }

  /** D_opt/N_opt at the budget. */
  default double tokensPerParam(double compute) {
    return optimalTokens(compute) / optimalParams(compute);
  }

  /** A short name for legends and tables. */
  String name();
}
