package org.scalinglab.law;

import org.scalinglab.util.Checks;

/**
 * Train on a fixed number of tokens per parameter, D = r·N; with C = 6ND this gives
 * N_opt = √(C / (6r)) and D_opt = r·N_opt, so both grow as C^0.5.
 *
 * @param ratio r, tokens per parameter
 */
public record TokensPerParamRule(double ratio) implements ComputeAllocation {

  /**
   * About 20 tokens per parameter: the rule of thumb read off Hoffmann et al. 2022 (arXiv:2203.15556)
   * Table 3, whose Approach 1 projections pair e.g. 10B parameters with 205.1B tokens and 67B with
   * 1.5T; Chinchilla itself has 1.4T / 70B = 20.
   */
  public static final TokensPerParamRule CHINCHILLA_20 = new TokensPerParamRule(20);

  public TokensPerParamRule {
    Checks.positive("tokens per parameter", ratio);
  }

  @Override
  public double optimalParams(double compute) {
    Checks.positive("compute C (FLOPs)", compute);
    return Math.sqrt(compute / (6.0 * ratio));
  }

  @Override
  public String name() {
    return String.format(java.util.Locale.ROOT, "%.4g tokens per parameter", ratio);
  }
}
