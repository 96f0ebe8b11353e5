package org.scalinglab.fit;

import java.util.Locale;

/**
 * The outcome of Approach 1: the envelope of the loss curves (at each FLOP count of a grid, the
 * lowest loss over all runs, and the size of the run that reached it) and the power laws
 * N_opt ∝ C^a, D_opt ∝ C^b fitted to it.
 *
 * @param compute the FLOP grid
 * @param envelopeLoss lowest loss at each FLOP count
 * @param optimalParams N of the run on the envelope at each FLOP count
 * @param optimalTokens D = C/(6N) of that run
 * @param paramsFit fit of N_opt against C
 * @param tokensFit fit of D_opt against C
 */
public record Approach1Result(double[] compute, double[] envelopeLoss, double[] optimalParams, double[] optimalTokens,
    PowerLawFit paramsFit, PowerLawFit tokensFit) {

  /** a in N_opt ∝ C^a (Hoffmann et al. 2022 Table 2: 0.50 for Approach 1). */
  public double paramsExponent() {
    return -paramsFit.alpha();
  }

  /** b in D_opt ∝ C^b. */
  public double tokensExponent() {
    return -tokensFit.alpha();
  }

  public double optimalParamsAt(double c) {
    return paramsFit.law().value(c);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Approach1Result[%d FLOP values %.3g–%.3g, a=%.3f, b=%.3f]", compute.length,
        compute[0], compute[compute.length - 1], paramsExponent(), tokensExponent());
  }
}
