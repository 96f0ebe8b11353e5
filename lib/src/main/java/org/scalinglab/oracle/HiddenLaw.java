package org.scalinglab.oracle;

import java.util.SplittableRandom;
import org.scalinglab.law.ChinchillaLaw;

/**
 * The law behind a {@link TrainingOracle}: a Chinchilla-form L(N, D) = E + A/N^α + B/D^β whose
 * constants are drawn from the seed around the values Hoffmann et al. 2022 (Eq. 10: E = 1.69,
 * A = 406.4, B = 410.7, α = 0.34, β = 0.28) and Besiroglu et al. 2024 (arXiv:2404.10102, Table 1:
 * α ≈ 0.35, β ≈ 0.37) reported, so that every student fits a different law of realistic shape.
 *
 * <p>The grader reads it to score predictions. It is not secret from a determined student (the
 * library is on their class path); the homework says that reading it earns nothing, and the tests
 * check the fitted values the student's own code produced, as otter's hidden tests do.
 */
public final class HiddenLaw {
  /**
   * Homework 2's tolerance for the compute-optimal N predicted at 1,000× the budget: within this
   * factor of the hidden law's. Measured: 5 IsoFLOP budgets (10^15…10^17) × 9 sizes and Approach 3
   * land within 0.80–1.13× for seeds 1, 2, 3, 14, 42 (an extrapolation 20,000× beyond the largest
   * budget fitted), so 1.6 leaves room for other reasonable plans.
   */
  public static final double PARAMS_FACTOR = 1.6;
  /** ... and the relative tolerance of its predicted loss (measured: at most 4.4% for those seeds). */
  public static final double LOSS_TOLERANCE = 0.06;

  private HiddenLaw() {}

  /** The hidden law of the given seed (deterministic: a seed always gives the same law). */
  public static ChinchillaLaw forSeed(long seed) {
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5CA11AB1E5EEDL);
    double e = uniform(rng, 1.6, 1.9);
    double a = uniform(rng, 300, 500);
    double b = uniform(rng, 300, 500);
    double alpha = uniform(rng, 0.30, 0.38);
    double beta = uniform(rng, 0.27, 0.35);
    return new ChinchillaLaw(e, a, b, alpha, beta);
  }

  private static double uniform(SplittableRandom rng, double lo, double hi) {
    return lo + (hi - lo) * rng.nextDouble();
  }
}
