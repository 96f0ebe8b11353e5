package org.scalinglab.compute;

import org.scalinglab.util.Checks;
import org.scalinglab.units.TrainingCompute;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.scalinglab.law.ChinchillaLaw;
import org.scalinglab.law.ComputeAllocation;
import org.scalinglab.law.ScalingLaw;

/**
 * The compute-optimal model for a budget: the N minimising a law's loss L(N, D) along the budget
 * line C = 6ND (Hoffmann et al. 2022, arXiv:2203.15556, Eq. 1), with D = C/(6N).
 *
 * <p>{@link #of} works for any {@link ScalingLaw} (published or fitted): it scans log N on a grid to
 * bracket the minimum, then refines it with Commons Math's {@link BrentOptimizer}.
 * {@link #closedForm} uses the Chinchilla law's closed form (Eq. 4) for comparison.
 *
 * @param compute the budget C in FLOPs
 * @param params N*, parameters
 * @param tokens D* = C / (6N*), tokens
 * @param loss the law's loss at (N*, D*)
 */
public record ComputeOptimum(double compute, double params, double tokens, double loss) {

  private static final int GRID = 241;

  /** D* ÷ N*, tokens per parameter at the optimum. */
  public double tokensPerParam() {
    return tokens / params;
  }

  /** The optimum of any law under C = 6ND, searching N between 1 and C/6 (so that D ≥ 1). */
  public static ComputeOptimum of(ScalingLaw law, double compute) {
    Checks.positive("compute C (FLOPs)", compute);
    return of(law, compute, 1.0, Math.max(compute / 6.0, 2.0));
  }

  /**
   * The optimum of any law under C = 6ND with N searched in [nMin, nMax]. Throws
   * IllegalArgumentException when the minimum sits on an end of the range (the law has no interior
   * optimum there) or the law gives no finite loss.
   */
  public static ComputeOptimum of(ScalingLaw law, double compute, double nMin, double nMax) {
    if (law == null) throw new IllegalArgumentException("law must not be null");
    Checks.positive("compute C (FLOPs)", compute);
    Checks.positive("nMin", nMin);
    Checks.positive("nMax", nMax);
    if (!(nMax > nMin)) throw new IllegalArgumentException("need nMin < nMax, got " + nMin + " and " + nMax);
    double lo = Math.log(nMin), hi = Math.log(nMax);
    java.util.function.DoubleUnaryOperator lossAtLogN = u -> {
      double n = Math.exp(u);
      return law.loss(n, compute / (6.0 * n));
    };
    // Bracket: the best point of a log-spaced grid and its two neighbours.
    int best = -1;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (int i = 0; i < GRID; i++) {
      double l = lossAtLogN.applyAsDouble(lo + (hi - lo) * i / (GRID - 1));
      if (l < bestLoss) {
        bestLoss = l;
        best = i;
      }
    }
    if (best < 0) {
      throw new IllegalArgumentException(law.name() + " gives no finite loss along C = 6ND for C = " + compute);
    }
    if (best == 0 || best == GRID - 1) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "%s has no interior optimum for C = %.4g FLOPs with N in [%.4g, %.4g]: the loss keeps falling toward N = %.4g",
          law.name(), compute, nMin, nMax, best == 0 ? nMin : nMax));
    }
    double step = (hi - lo) / (GRID - 1);
    double a = lo + step * (best - 1), b = lo + step * (best + 1);
    UnivariatePointValuePair p = new BrentOptimizer(1e-12, 1e-14).optimize(
        new MaxEval(500),
        new UnivariateObjectiveFunction(lossAtLogN::applyAsDouble),
        GoalType.MINIMIZE,
        new SearchInterval(a, b, lo + step * best));
    double n = Math.exp(p.getPoint());
    return new ComputeOptimum(compute, n, compute / (6.0 * n), p.getValue());
  }

  /** The Chinchilla law's closed-form optimum N*(C), D*(C) (Hoffmann et al. 2022, Eq. 4). */
  public static ComputeOptimum closedForm(ChinchillaLaw law, double compute) {
    double n = law.optimalParams(compute);
    double d = law.optimalTokens(compute);
    return new ComputeOptimum(compute, n, d, law.loss(n, d));
  }

  /** Any law as a {@link ComputeAllocation}: its numeric optimum for each budget. */
  public static ComputeAllocation allocation(ScalingLaw law) {
    if (law == null) throw new IllegalArgumentException("law must not be null");
    return new ComputeAllocation() {
      @Override
      public double optimalParams(double compute) {
        return of(law, compute).params();
      }

      @Override
      public String name() {
        return "optimum of " + law.name();
      }
    };
  }

  /** The optimum for each budget (e.g. a compute-efficient frontier). */
  public static ComputeOptimum[] frontier(ScalingLaw law, double[] budgets) {
    ComputeOptimum[] out = new ComputeOptimum[budgets.length];
    for (int i = 0; i < budgets.length; i++) out[i] = of(law, budgets[i]);
    return out;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "C = %.4g FLOPs: N* = %.4g, D* = %.4g, D*/N* = %.3g, loss = %.4f",
        compute, params, tokens, tokensPerParam(), loss);
  }
}
