package org.scalinglab.fit;

import java.util.Arrays;

/**
 * What one L-BFGS run ended with.
 *
 * @param x the final point (a copy)
 * @param value f(x)
 * @param gradientNorm max-norm of ∇f(x)
 * @param iterations accepted steps
 * @param evaluations calls of the objective (line-search trials included)
 * @param converged true when a tolerance test stopped the run (not the iteration limit or a failed
 *     line search)
 * @param reason why the run stopped, in words
 */
public record LbfgsResult(double[] x, double value, double gradientNorm, int iterations, int evaluations,
    boolean converged, String reason) {
  public LbfgsResult {
    x = x.clone();
  }

  @Override
  public double[] x() {
    return x.clone();
  }

  @Override
  public String toString() {
    return "LbfgsResult[f=" + value + ", x=" + Arrays.toString(x) + ", |g|∞=" + gradientNorm
        + ", iterations=" + iterations + ", evaluations=" + evaluations + ", " + reason + "]";
  }
}
