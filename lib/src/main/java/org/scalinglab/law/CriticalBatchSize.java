package org.scalinglab.law;

import org.scalinglab.util.Checks;

/**
 * The critical batch size of Kaplan et al. 2020 (arXiv:2001.08361), Eq. 1.4 and Section 5.1:
 * B_crit(L) = B_* / L^(1/α_B), in tokens, with B_* ≈ 2 × 10^8 tokens and α_B ≈ 0.21. Training at
 * B = B_crit roughly balances time (steps) and compute (tokens processed); the batch worth using
 * grows as the loss falls, i.e. as models get better.
 *
 * <p>Steps and compute at batch size B relate to their minima through (Section 5.1, after McCandlish
 * et al. 2018): S_min = S / (1 + B_crit/B) (Eq. 5.4) and C_min = C / (1 + B/B_crit) (Eq. 5.5).
 *
 * @param bStar B_* in tokens
 * @param alphaB exponent α_B
 */
public record CriticalBatchSize(double bStar, double alphaB) {

  /** B_* ≈ 2 × 10^8 tokens, α_B ≈ 0.21 (Kaplan et al. 2020, Eq. 1.4). */
  public static final CriticalBatchSize KAPLAN_2020 = new CriticalBatchSize(2e8, 0.21);

  public CriticalBatchSize {
    Checks.positive("B_*", bStar);
    Checks.positive("alpha_B", alphaB);
  }

  /** B_crit(L) = B_* / L^(1/α_B) in tokens (Eq. 1.4). */
  public double tokens(double loss) {
    Checks.positive("loss", loss);
    return bStar / Math.pow(loss, 1.0 / alphaB);
  }

  /** The loss at which the critical batch is the given number of tokens (Eq. 1.4 inverted). */
  public double lossAt(double batchTokens) {
    Checks.positive("batch size (tokens)", batchTokens);
    return Math.pow(bStar / batchTokens, alphaB);
  }

  /** S_min = S / (1 + B_crit(L)/B): the steps needed at a batch far above B_crit (Eq. 5.4). */
  public double minSteps(double steps, double batchTokens, double loss) {
    Checks.positive("steps", steps);
    Checks.positive("batch size (tokens)", batchTokens);
    return steps / (1 + tokens(loss) / batchTokens);
  }

  /** C_min = C / (1 + B/B_crit(L)): the compute needed at a batch far below B_crit (Eq. 5.5). */
  public double minCompute(double compute, double batchTokens, double loss) {
    Checks.positive("compute", compute);
    Checks.positive("batch size (tokens)", batchTokens);
    return compute / (1 + batchTokens / tokens(loss));
  }
}
