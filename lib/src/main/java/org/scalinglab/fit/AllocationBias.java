package org.scalinglab.fit;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.scalinglab.law.ChinchillaLaw;
import org.scalinglab.law.FixedScheduleLaw;
import org.scalinglab.law.ScalingLaw;

/**
 * Two choices that move the fitted compute-optimal exponent a (N_opt ∝ C^a) although the models
 * are the same: which parameters are counted, and the learning-rate schedule. Kaplan et al. 2020
 * found a ≈ 0.73 counting non-embedding parameters at small budgets with one schedule length for all
 * runs; Hoffmann et al. 2022 found a ≈ 0.5 counting all parameters with a cosine schedule matched to
 * each run.
 */
public final class AllocationBias {
  private AllocationBias() {}

  /**
   * A transformer family: d_model grows with the non-embedding size as N_ne = 12·ℓ·d² with
   * d = aspect·ℓ (Kaplan et al. 2020, Section 2.1: N ≈ 12·n_layer·d_model²), and the embedding
   * holds (vocab + context)·d parameters (token and position embeddings, Kaplan et al. 2020 Table 1).
   *
   * @param vocab vocabulary size
   * @param context context length (learned position embeddings)
   * @param aspect d_model / n_layer
   */
  public record ModelShape(double vocab, double context, double aspect) {
    /** Chinchilla's tokenizer (32,000 tokens, Hoffmann et al. 2022 Section 4.1), context 2,048, d_model/n_layer = 128. */
    public static final ModelShape CHINCHILLA_LIKE = new ModelShape(32_000, 2048, 128);

    public ModelShape {
      if (!(vocab > 0 && context >= 0 && aspect > 0)) {
        throw new IllegalArgumentException("need vocab > 0, context ≥ 0, aspect > 0, got " + vocab + ", " + context + ", " + aspect);
      }
    }

    /** Embedding parameters of the model with {@code nonEmbedding} non-embedding parameters. */
    public double embedding(double nonEmbedding) {
      double d = Math.cbrt(aspect * nonEmbedding / 12); // N_ne = 12 d³/aspect
      return (vocab + context) * d;
    }
  }

  /**
   * The exponent a of N_opt ∝ C^a that someone counting only non-embedding parameters reads off
   * the true law, as Kaplan et al. did (Pearce &amp; Song 2024, "Reconciling Kaplan and Chinchilla
   * Scaling Laws", arXiv:2406.12907): at each of {@code points} budgets C spaced evenly in log over
   * [cLo, cHi], with C = 6·N_ne·D, the N_ne minimising {@code law}(N_ne + embedding, D) (Brent's
   * method in log N), then a least-squares power law through the optima.
   */
  public static Frontier nonEmbeddingOptimum(ScalingLaw law, ModelShape shape, double cLo, double cHi, int points) {
    return optimumFit(law, shape, cLo, cHi, points);
  }

  /** The same with all parameters counted and C = 6·N·D: the law's own allocation. */
  public static Frontier totalOptimum(ScalingLaw law, double cLo, double cHi, int points) {
    return optimumFit(law, null, cLo, cHi, points);
  }

  /**
   * Compute-optimal sizes at a series of budgets and the power law through them.
   *
   * @param compute the budgets (FLOPs, as counted)
   * @param params the optimal sizes (parameters, as counted)
   * @param fit N_opt = k·C^a fitted in log–log space
   */
  public record Frontier(double[] compute, double[] params, PowerLawFit fit) {
    /** a in N_opt ∝ C^a. */
    public double exponent() {
      return -fit.alpha();
    }
  }

  private static Frontier optimumFit(ScalingLaw law, ModelShape shape, double cLo, double cHi, int points) {
    if (!(cLo > 0 && cHi > cLo) || Double.isInfinite(cHi)) throw new IllegalArgumentException("need 0 < cLo < cHi, got " + cLo + ", " + cHi);
    if (points < 3) throw new IllegalArgumentException("points must be ≥ 3, got " + points);
    double[] c = new double[points], n = new double[points];
    BrentOptimizer brent = new BrentOptimizer(1e-10, 1e-12);
    for (int i = 0; i < points; i++) {
      double budget = Math.exp(Math.log(cLo) + (Math.log(cHi) - Math.log(cLo)) * i / (points - 1));
      c[i] = budget;
      UnivariateObjectiveFunction f = new UnivariateObjectiveFunction(logN -> {
        double counted = Math.exp(logN);
        double total = shape == null ? counted : counted + shape.embedding(counted);
        return law.loss(total, budget / (6 * counted));
      });
      // models from 10 parameters up to 10 tokens each: the optimum lies far inside
      double hi = Math.log(budget / 60);
      n[i] = Math.exp(brent.optimize(new MaxEval(10_000), f, GoalType.MINIMIZE, new SearchInterval(Math.log(10), hi)).getPoint());
    }
    return new Frontier(c, n, PowerLawFit.fit(c, n));
  }

  /**
   * The exponent a that Approach 2 ({@link Approach2Fit}) reads off IsoFLOP runs of {@code law} when
   * every run follows one cosine schedule over {@code scheduleTokens} tokens ({@link FixedScheduleLaw}
   * with penalty κ; κ = 0: schedules matched to each run): {@code perBudget} sizes per budget within
   * a factor {@code spread} of the true optimum, no noise.
   */
  public static Approach2Result fixedScheduleFit(ChinchillaLaw law, double scheduleTokens, double penalty, double[] budgets,
      int perBudget, double spread) {
    FixedScheduleLaw observed = new FixedScheduleLaw(law, scheduleTokens, penalty);
    double[] centers = new double[budgets.length];
    for (int i = 0; i < budgets.length; i++) centers[i] = law.optimalParams(budgets[i]);
    return Approach2Fit.builder().build().fit(SyntheticRuns.isoFlop(observed, budgets, centers, perBudget, spread, 0, 1));
  }
}
