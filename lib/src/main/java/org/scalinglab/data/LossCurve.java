package org.scalinglab.data;

import java.util.Arrays;

/**
 * The loss curve of one training run: a model of N parameters evaluated at increasing numbers of
 * training tokens. Compute at each point is C = 6·N·tokens (Kaplan et al. 2020, Section 2.1). The
 * input of Chinchilla Approach 1 (Hoffmann et al. 2022, Section 3.1), which looks at every point of
 * every curve, not just the final loss.
 *
 * @param params N
 * @param tokens tokens seen at each point, strictly increasing and positive
 * @param loss loss at each point, finite and positive
 */
public record LossCurve(double params, double[] tokens, double[] loss) {
  public LossCurve {
    if (!(params > 0) || Double.isInfinite(params)) throw new IllegalArgumentException("params must be positive, got " + params);
    if (tokens.length != loss.length) {
      throw new IllegalArgumentException("tokens and loss differ in length: " + tokens.length + " vs " + loss.length);
    }
    if (tokens.length < 2) throw new IllegalArgumentException("a loss curve needs at least 2 points, got " + tokens.length);
    for (int i = 0; i < tokens.length; i++) {
      if (!(tokens[i] > 0) || Double.isInfinite(tokens[i])) {
        throw new IllegalArgumentException("point " + i + ": tokens must be positive, got " + tokens[i]);
      }
      if (i > 0 && !(tokens[i] > tokens[i - 1])) {
        throw new IllegalArgumentException("point " + i + ": tokens must increase, got " + tokens[i - 1] + " then " + tokens[i]);
      }
      if (!(loss[i] > 0) || Double.isInfinite(loss[i])) {
        throw new IllegalArgumentException("point " + i + ": loss must be positive and finite, got " + loss[i]);
      }
    }
    tokens = tokens.clone();
    loss = loss.clone();
  }

  @Override
  public double[] tokens() {
    return tokens.clone();
  }

  @Override
  public double[] loss() {
    return loss.clone();
  }

  /** Compute at each point, 6·N·tokens. */
  public double[] compute() {
    double[] c = new double[tokens.length];
    for (int i = 0; i < c.length; i++) c[i] = 6 * params * tokens[i];
    return c;
  }

  public double minCompute() {
    return 6 * params * tokens[0];
  }

  public double maxCompute() {
    return 6 * params * tokens[tokens.length - 1];
  }

  /**
   * The loss at compute C, interpolated linearly in (log C, log L) between the neighbouring points;
   * NaN outside the curve's range.
   */
  public double lossAtCompute(double compute) {
    double t = compute / (6 * params);
    if (!(t >= tokens[0] && t <= tokens[tokens.length - 1])) return Double.NaN;
    int k = Arrays.binarySearch(tokens, t);
    if (k >= 0) return loss[k];
    int hi = -k - 1, lo = hi - 1;
    double w = (Math.log(t) - Math.log(tokens[lo])) / (Math.log(tokens[hi]) - Math.log(tokens[lo]));
    return Math.exp((1 - w) * Math.log(loss[lo]) + w * Math.log(loss[hi]));
  }

  /** The run at the curve's last point. */
  public Run finalRun() {
    return Run.of(params, tokens[tokens.length - 1], loss[loss.length - 1]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LossCurve c && c.params == params && Arrays.equals(c.tokens, tokens) && Arrays.equals(c.loss, loss);
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(params) + 17 * Arrays.hashCode(tokens) + Arrays.hashCode(loss);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "LossCurve[N=%.3g, %d points, tokens %.3g–%.3g]", params, tokens.length,
        tokens[0], tokens[tokens.length - 1]);
  }
}
