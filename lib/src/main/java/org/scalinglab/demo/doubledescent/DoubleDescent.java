package org.scalinglab.demo.doubledescent;

import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * Double descent of least squares with isotropic Gaussian features, simulated: the model of
 * {@link DoubleDescentTheory} (rows x ~ N(0, I_p), y = xᵀβ + ε, ‖β‖² = r², ε ~ N(0, σ²)), fitted by
 * minimum-norm least squares (or ridge), with the excess test risk ‖β̂ − β‖² averaged over seeded
 * trials.
 *
 * <pre>{@code
 * DoubleDescent dd = DoubleDescent.builder().signalVar(1).noiseSd(0.5).trials(50).seed(1).build();
 * RiskCurve modelWise = dd.modelWise(100, 300);   // n = 100, p = 1…300
 * RiskCurve sampleWise = dd.sampleWise(100, 300); // p = 100, n = 1…300
 * RiskCurve ridged = dd.withRidge(DoubleDescentTheory.optimalRidge(100, 1, 0.25)).modelWise(100, 300);
 * }</pre>
 *
 * <p>How: a trial draws one X with pMax columns (model-wise) or nMax rows (sample-wise) and fits every
 * nested sub-matrix, so the curve of one trial is smooth and the sizes share their randomness
 * (common random numbers). β at p features is r·z₁..p/‖z₁..p‖ for one Gaussian z per trial, so
 * ‖β‖² = r² at every p as the theory assumes. Instead of an SVD per fit (see
 * {@link MinNormRegression} for the measurement) the risk comes from closed forms of the same
 * estimator with a Cholesky factor grown one column or row at a time:
 * <ul>
 *   <li>primal, while p ≤ n (A = XᵀX + λI): β̂ − β = A⁻¹(Xᵀε − λβ);</li>
 *   <li>dual, while p &gt; n (B = XXᵀ + λI, w = B⁻¹y, β̂ = Xᵀw, u = Xβ):
 *       ‖β̂ − β‖² = yᵀw − λ‖w‖² − 2uᵀw + ‖β‖².</li>
 * </ul>
 * A trial costs O(n²·pMax) instead of O(n²·pMax²) for SVDs. Ridge uses the unnormalised penalty
 * λ‖β‖² (see {@link DoubleDescentTheory}). The same seed gives the same curve.
 */
public final class DoubleDescent {
  private final double signalVar;
  private final double noiseSd;
  private final double ridge;
  private final int trials;
  private final long seed;

  private DoubleDescent(Builder b) {
    this.signalVar = b.signalVar;
    this.noiseSd = b.noiseSd;
    this.ridge = b.ridge;
    this.trials = b.trials;
    this.seed = b.seed;
  }

  /** A builder with r² = 1, σ = 0.5, no ridge, 50 trials, seed 1. */
  public static Builder builder() {
    return new Builder();
  }

  /** This experiment with another ridge penalty λ (0: minimum norm). */
  public DoubleDescent withRidge(double lambda) {
    return builder().signalVar(signalVar).noiseSd(noiseSd).trials(trials).seed(seed).ridge(lambda).build();
  }

  public double signalVar() { return signalVar; }
  public double noiseSd() { return noiseSd; }
  public double noiseVar() { return noiseSd * noiseSd; }
  public double ridge() { return ridge; }
  public int trials() { return trials; }
  public long seed() { return seed; }

  /**
   * Model-wise curve: n training points, p = 1…pMax features. Theory: {@link
   * DoubleDescentTheory#minNormRisk} without ridge, {@link DoubleDescentTheory#ridgeLimitRisk}
   * (the proportional limit at γ = p/n) with ridge.
   */
  public RiskCurve modelWise(int n, int pMax) {
    requireSize("n", n);
    requireSize("p-max", pMax);
    double[][] risks = runTrials(rng -> modelWiseTrial(n, pMax, rng));
    int[] sizes = new int[pMax];
    double[] theory = new double[pMax];
    for (int p = 1; p <= pMax; p++) {
      sizes[p - 1] = p;
      theory[p - 1] = theoryAt(n, p);
    }
    return summarise("p", sizes, risks, theory);
  }

  /**
   * Sample-wise curve: p features fixed, n = 1…nMax training points (one fixed β per trial). Theory
   * as for {@link #modelWise}, now read along n.
   */
  public RiskCurve sampleWise(int p, int nMax) {
    requireSize("p", p);
    requireSize("n-max", nMax);
    double[][] risks = runTrials(rng -> sampleWiseTrial(p, nMax, rng));
    int[] sizes = new int[nMax];
    double[] theory = new double[nMax];
    for (int n = 1; n <= nMax; n++) {
      sizes[n - 1] = n;
      theory[n - 1] = theoryAt(n, p);
    }
    return summarise("n", sizes, risks, theory);
  }

  /**
   * Smallest non-zero singular value of an n×p standard Gaussian matrix at each p, averaged over
   * {@code trials} seeded draws (the smaller Gram matrix's eigenvalues per point,
   * {@link MinNormRegression#smallestSingularValueFullRank}), with the edge |√p − √n|.
   */
  public SingularValueCurve smallestSingularValues(int n, int[] sizes, int trials) {
    requireSize("n", n);
    if (trials < 1) throw new IllegalArgumentException("trials must be at least 1, got " + trials);
    int pMax = 0;
    for (int p : sizes) {
      requireSize("p", p);
      pMax = Math.max(pMax, p);
    }
    double[] mean = new double[sizes.length], edge = new double[sizes.length];
    SplittableRandom root = new SplittableRandom(seed);
    for (int t = 0; t < trials; t++) {
      checkInterrupted();
      SplittableRandom rng = root.split();
      double[][] x = new double[n][pMax];
      for (double[] row : x) for (int j = 0; j < pMax; j++) row[j] = rng.nextGaussian();
      for (int k = 0; k < sizes.length; k++) {
        double[][] sub = new double[n][];
        for (int i = 0; i < n; i++) sub[i] = java.util.Arrays.copyOf(x[i], sizes[k]);
        mean[k] += MinNormRegression.smallestSingularValueFullRank(sub) / trials;
      }
    }
    for (int k = 0; k < sizes.length; k++) edge[k] = DoubleDescentTheory.singularValueEdge(n, sizes[k]);
    return new SingularValueCurve(sizes, mean, edge, n);
  }

  /**
   * Runs the trials on all cores (a parallel stream); each trial's generator is split from the seed
   * beforehand, in order, so the result does not depend on scheduling. An interrupt of the calling
   * thread stops the remaining trials.
   */
  private double[][] runTrials(java.util.function.Function<SplittableRandom, double[]> trial) {
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom[] rngs = new SplittableRandom[trials];
    for (int t = 0; t < trials; t++) rngs[t] = root.split();
    Thread caller = Thread.currentThread();
    double[][] risks = new double[trials][];
    java.util.stream.IntStream.range(0, trials).parallel().forEach(t -> {
      if (caller.isInterrupted()) return;
      risks[t] = trial.apply(rngs[t]);
    });
    checkInterrupted();
    return risks;
  }

  /** The theory drawn with a curve: exact finite-(n, p) without ridge, the proportional limit with it. */
  public double theoryAt(int n, int p) {
    return ridge == 0
        ? DoubleDescentTheory.minNormRisk(n, p, signalVar, noiseVar())
        : DoubleDescentTheory.ridgeLimitRisk((double) p / n, ridge / n, signalVar, noiseVar());
  }

  /** One model-wise trial: the risk ‖β̂_p − β_p‖² for p = 1…pMax on one nested draw. */
  double[] modelWiseTrial(int n, int pMax, SplittableRandom rng) {
    double r = Math.sqrt(signalVar), lambda = ridge;
    double[] eps = gaussian(rng, n, noiseSd);
    double[][] cols = new double[pMax][];
    double[] z = new double[pMax];
    double[] xte = new double[Math.min(n, pMax)]; // Xᵀε, entry per feature (primal)
    double[] s = new double[n]; // Σ z_j x_j
    double zz = 0;
    Cholesky primal = new Cholesky(Math.min(n, pMax));
    Cholesky dual = null;
    double[] out = new double[pMax];
    for (int p = 1; p <= pMax; p++) {
      double[] x = gaussian(rng, n, 1);
      cols[p - 1] = x;
      z[p - 1] = rng.nextGaussian();
      zz += z[p - 1] * z[p - 1];
      for (int i = 0; i < n; i++) s[i] += z[p - 1] * x[i];
      double scale = r / Math.sqrt(zz); // β_p = scale·z₁..p
      if (p <= n) {
        double[] off = new double[p - 1];
        for (int j = 0; j < p - 1; j++) off[j] = dot(cols[j], x);
        primal.append(off, dot(x, x) + lambda);
        xte[p - 1] = dot(x, eps);
        double[] rhs = new double[p];
        for (int j = 0; j < p; j++) rhs[j] = xte[j] - lambda * scale * z[j];
        out[p - 1] = sumSquares(primal.solve(rhs));
        if (p == n) dual = Cholesky.of(gram(cols, n, p, lambda));
      } else {
        dual.update(x.clone());
        out[p - 1] = dualRisk(dual, s, scale, eps, lambda, signalVar);
      }
    }
    return out;
  }

  /** One sample-wise trial: the risk for n = 1…nMax on one nested draw of rows, β fixed. */
  double[] sampleWiseTrial(int p, int nMax, SplittableRandom rng) {
    double lambda = ridge;
    double[] beta = gaussian(rng, p, 1);
    double norm = Math.sqrt(sumSquares(beta)), r = Math.sqrt(signalVar);
    for (int j = 0; j < p; j++) beta[j] *= r / norm;
    double[][] rows = new double[nMax][];
    double[] u = new double[nMax], eps = new double[nMax], y = new double[nMax];
    Cholesky dual = new Cholesky(Math.min(p, nMax));
    Cholesky primal = null;
    double[] xte = new double[p];
    double[] out = new double[nMax];
    for (int n = 1; n <= nMax; n++) {
      double[] x = gaussian(rng, p, 1);
      rows[n - 1] = x;
      u[n - 1] = dot(x, beta);
      eps[n - 1] = noiseSd * rng.nextGaussian();
      y[n - 1] = u[n - 1] + eps[n - 1];
      for (int j = 0; j < p; j++) xte[j] += x[j] * eps[n - 1];
      if (n < p) {
        double[] off = new double[n - 1];
        for (int i = 0; i < n - 1; i++) off[i] = dot(rows[i], x);
        dual.append(off, dot(x, x) + lambda);
        double[] w = dual.solve(y);
        double yw = 0, ww = 0, uw = 0;
        for (int i = 0; i < n; i++) {
          yw += y[i] * w[i];
          ww += w[i] * w[i];
          uw += u[i] * w[i];
        }
        out[n - 1] = yw - lambda * ww - 2 * uw + signalVar;
      } else {
        if (n == p) primal = Cholesky.of(gram(rows, p, n, lambda));
        else primal.update(x.clone());
        double[] rhs = new double[p];
        for (int j = 0; j < p; j++) rhs[j] = xte[j] - lambda * beta[j];
        out[n - 1] = sumSquares(primal.solve(rhs));
      }
    }
    return out;
  }

  /** ‖β̂ − β‖² in the dual form, u = scale·s = Xβ, y = u + ε. */
  private static double dualRisk(Cholesky dual, double[] s, double scale, double[] eps, double lambda, double betaNorm2) {
    int n = eps.length;
    double[] u = new double[n], y = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = scale * s[i];
      y[i] = u[i] + eps[i];
    }
    double[] w = dual.solve(y);
    double yw = 0, ww = 0, uw = 0;
    for (int i = 0; i < n; i++) {
      yw += y[i] * w[i];
      ww += w[i] * w[i];
      uw += u[i] * w[i];
    }
    return Math.max(0, yw - lambda * ww - 2 * uw + betaNorm2);
  }

  /**
   * vectors[0..count)ᵀ·vectors[0..count) + λI as a dim×dim matrix, where each vector has length dim:
   * columns of X give XXᵀ (dim = n), rows of X give XᵀX (dim = p).
   */
  private static double[][] gram(double[][] vectors, int dim, int count, double lambda) {
    double[][] g = new double[dim][dim];
    for (int k = 0; k < count; k++) {
      double[] v = vectors[k];
      for (int i = 0; i < dim; i++) {
        double vi = v[i];
        double[] gi = g[i];
        for (int j = 0; j <= i; j++) gi[j] += vi * v[j];
      }
    }
    for (int i = 0; i < dim; i++) {
      g[i][i] += lambda;
      for (int j = 0; j < i; j++) g[j][i] = g[i][j];
    }
    return g;
  }

  private RiskCurve summarise(String variable, int[] sizes, double[][] risks, double[] theory) {
    int k = sizes.length;
    double[] mean = new double[k], se = new double[k];
    for (int i = 0; i < k; i++) {
      double m = 0;
      for (double[] t : risks) m += t[i];
      m /= trials;
      double ss = 0;
      for (double[] t : risks) ss += (t[i] - m) * (t[i] - m);
      mean[i] = m;
      se[i] = trials > 1 ? Math.sqrt(ss / (trials - 1) / trials) : Double.NaN;
    }
    return new RiskCurve(variable, sizes, mean, se, theory, trials);
  }

  static double[] gaussian(SplittableRandom rng, int k, double sd) {
    double[] v = new double[k];
    for (int i = 0; i < k; i++) v[i] = sd * rng.nextGaussian();
    return v;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  static double sumSquares(double[] a) {
    return dot(a, a);
  }

  static void checkInterrupted() {
    if (Thread.currentThread().isInterrupted()) throw new CancellationException("double-descent sweep interrupted");
  }

  private static void requireSize(String what, int v) {
    if (v < 1) throw new IllegalArgumentException(what + " must be at least 1, got " + v);
  }

  /** Options of a {@link DoubleDescent} experiment. */
  public static final class Builder {
    private double signalVar = 1;
    private double noiseSd = 0.5;
    private double ridge = 0;
    private int trials = 50;
    private long seed = 1;

    private Builder() {}

    /** r² = ‖β‖², the variance of the signal xᵀβ (≥ 0; default 1). */
    public Builder signalVar(double r2) {
      DoubleDescentTheory.requireNonNegative("signal variance", r2);
      this.signalVar = r2;
      return this;
    }

    /** σ, the noise standard deviation (≥ 0; default 0.5). */
    public Builder noiseSd(double sigma) {
      DoubleDescentTheory.requireNonNegative("noise standard deviation", sigma);
      this.noiseSd = sigma;
      return this;
    }

    /** Ridge penalty λ in ‖y − Xβ‖² + λ‖β‖² (≥ 0; default 0, the minimum-norm estimator). */
    public Builder ridge(double lambda) {
      DoubleDescentTheory.requireNonNegative("ridge λ", lambda);
      this.ridge = lambda;
      return this;
    }

    /** Seeded trials averaged at each size (≥ 2, for a standard error; default 50). */
    public Builder trials(int trials) {
      if (trials < 2) throw new IllegalArgumentException("trials must be at least 2, got " + trials);
      this.trials = trials;
      return this;
    }

    /** Seed: the same seed gives the same curves (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public DoubleDescent build() {
      return new DoubleDescent(this);
    }
  }
}
