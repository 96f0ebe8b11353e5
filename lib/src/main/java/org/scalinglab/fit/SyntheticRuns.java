package org.scalinglab.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.scalinglab.data.LossCurve;
import org.scalinglab.data.Run;
import org.scalinglab.data.Runs;
import org.scalinglab.law.ScalingLaw;

/**
 * Runs drawn from a known law with multiplicative log-normal noise, log L = log L(N, D) + σ·z with
 * z ~ N(0, 1): the test bench of every fitter (a fitter must give back the law it was fed).
 * Seeded, so the same call gives the same runs.
 */
public final class SyntheticRuns {
  private SyntheticRuns() {}

  /**
   * {@code count} runs with N and D drawn log-uniformly from [nLo, nHi] × [dLo, dHi].
   *
   * @param noise σ of the log-space noise (0 for exact values)
   */
  public static Runs scattered(ScalingLaw law, int count, double nLo, double nHi, double dLo, double dHi,
      double noise, long seed) {
    requireRange("N", nLo, nHi);
    requireRange("D", dLo, dHi);
    SplittableRandom rng = new SplittableRandom(seed);
    List<Run> runs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double n = logUniform(rng, nLo, nHi), d = logUniform(rng, dLo, dHi);
      runs.add(Run.of(n, d, noisy(law.loss(n, d), noise, rng)));
    }
    return Runs.of(runs, "synthetic (" + law.name() + ")");
  }

  /**
   * IsoFLOP runs, as in Hoffmann et al. 2022 Approach 2: for each budget C, {@code perBudget} model
   * sizes spaced evenly in log N over [nCenter(C)/spread, nCenter(C)·spread] where nCenter is
   * {@code centers[k]}, with D = C/(6N).
   */
  public static Runs isoFlop(ScalingLaw law, double[] budgets, double[] centers, int perBudget, double spread,
      double noise, long seed) {
    if (budgets.length != centers.length) throw new IllegalArgumentException("need one center per budget");
    if (perBudget < 2 || !(spread > 1)) throw new IllegalArgumentException("need perBudget ≥ 2 and spread > 1");
    SplittableRandom rng = new SplittableRandom(seed);
    List<Run> runs = new ArrayList<>();
    for (int k = 0; k < budgets.length; k++) {
      double lo = Math.log(centers[k] / spread), hi = Math.log(centers[k] * spread);
      for (int j = 0; j < perBudget; j++) {
        double n = Math.exp(lo + (hi - lo) * j / (perBudget - 1));
        Run exact = Run.fromCompute(n, budgets[k], 1);
        runs.add(new Run(n, exact.tokens(), budgets[k], noisy(law.loss(n, exact.tokens()), noise, rng)));
      }
    }
    return Runs.of(runs, "synthetic IsoFLOP (" + law.name() + ")");
  }

  /**
   * Loss curves for Approach 1: for each model size N, the law's loss at {@code points} token
   * counts spaced evenly in log between {@code tokensLo} and {@code tokensHi} — as if a run's loss
   * after t tokens were the law's L(N, t) (a smooth stand-in for real curves, whose learning-rate
   * schedule makes them bend more).
   */
  public static java.util.List<LossCurve> curves(ScalingLaw law, double[] sizes, double tokensLo, double tokensHi,
      int points, double noise, long seed) {
    requireRange("tokens", tokensLo, tokensHi);
    if (points < 2) throw new IllegalArgumentException("points must be ≥ 2, got " + points);
    SplittableRandom rng = new SplittableRandom(seed);
    java.util.List<LossCurve> out = new ArrayList<>();
    for (double n : sizes) {
      double[] t = new double[points], l = new double[points];
      for (int i = 0; i < points; i++) {
        t[i] = Math.exp(Math.log(tokensLo) + (Math.log(tokensHi) - Math.log(tokensLo)) * i / (points - 1));
        l[i] = noisy(law.loss(n, t[i]), noise, rng);
      }
      out.add(new LossCurve(n, t, l));
    }
    return out;
  }

  private static double noisy(double loss, double sigma, SplittableRandom rng) {
    if (sigma == 0) return loss;
    // Box–Muller by hand rather than SplittableRandom.nextGaussian() (JDK 17+): it keeps the synthetic
    // data sets that tests and notebooks 04 and 12 check against exactly as they were generated
    double u1 = 1.0 - rng.nextDouble(), u2 = rng.nextDouble();
    return loss * Math.exp(sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
  }

  private static double logUniform(SplittableRandom rng, double lo, double hi) {
    return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.nextDouble());
  }

  private static void requireRange(String what, double lo, double hi) {
    if (!(lo > 0 && hi >= lo) || Double.isInfinite(hi)) {
      throw new IllegalArgumentException(what + " range must satisfy 0 < lo ≤ hi, got [" + lo + ", " + hi + "]");
    }
  }
}
