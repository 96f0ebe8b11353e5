package org.scalinglab.fit;

/**
 * A smooth objective f: ℝⁿ → ℝ that returns its value and writes its gradient in one pass (the
 * fused form lets the loss loop compute shared terms such as the log-sum-exp once).
 * Implementations used by the parallel fitters must not keep mutable state: one instance is shared
 * by all threads.
 */
@FunctionalInterface
public interface DifferentiableFunction {
  /**
   * Returns f(x) and writes ∇f(x) into {@code gradient} (same length as {@code x}). May return a
   * non-finite value where f is undefined; the line search then steps back.
   */
  double valueAndGradient(double[] x, double[] gradient);
}
