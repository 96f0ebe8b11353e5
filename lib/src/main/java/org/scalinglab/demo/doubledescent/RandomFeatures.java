package org.scalinglab.demo.doubledescent;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Double descent beyond the linear-Gaussian model: regression of a known function of a
 * low-dimensional input (d = 3 by default) from n noisy samples with p random features — random ReLU
 * units max(0, w·x + b) (a two-layer network whose first layer is frozen at random; Rahimi &amp; Recht
 * 2008; Mei &amp; Montanari 2019) or random Fourier features √2·cos(w·x + b) — fitted by minimum-norm
 * least squares through the SVD ({@link MinNormRegression}). The test error is the mean squared
 * distance to the noiseless function at fixed test inputs; as p passes n it rises to a peak and
 * falls again (Belkin, Hsu, Ma &amp; Mandal 2019, PNAS, Figure 2 for random Fourier features).
 *
 * <p>Data: x ~ N(0, I_d), y = f*(x) + ε, ε ~ N(0, σ²). Features: w ~ N(0, s²I/d); b ~ N(0, s²) for
 * ReLU, b ~ Uniform[0, 2π) for Fourier; s is the {@linkplain Builder#featureScale feature scale}.
 * A trial draws features, training set and noise afresh; the test inputs stay fixed. Measured
 * (n = 40, σ = 0.3, 10 trials): with ReLU features in d = 3 the error falls to ≈0.66 at p = 10,
 * peaks at p ≈ n (10³–10⁴, heavy-tailed), and falls to ≈0.34 at p = 400 — below the best
 * under-parameterised model; in d = 5 and 10 the peak is as clear but the far end no better than the
 * small models, and 1-D inputs make the features so ill-conditioned that the second descent never
 * comes.
 *
 * <pre>{@code
 * RandomFeatures rf = RandomFeatures.builder().activation(RandomFeatures.Activation.RELU).noiseSd(0.3).build();
 * RiskCurve curve = rf.modelWise(40, new int[] {5, 10, 20, 30, 40, 50, 80, 160, 400}, 20);
 * BiasVariance bv = rf.biasVariance(40, new int[] {10, 40, 400}, 50);
 * }</pre>
 */
public final class RandomFeatures {
  /** The random feature map. */
  public enum Activation {
    /** max(0, w·x + b). */
    RELU,
    /** √2·cos(w·x + b). */
    FOURIER
  }

  /**
   * The default target: with z = (x₁ + … + x_d)/√d (a standard normal), f*(x) = sin(2z) + z/2 —
   * smooth, not a polynomial, and of the same scale in every dimension d.
   */
  public static final ToDoubleFunction<double[]> DEFAULT_TARGET = x -> {
    double z = 0;
    for (double v : x) z += v;
    z /= Math.sqrt(x.length);
    return Math.sin(2 * z) + 0.5 * z;
  };

  private final Activation activation;
  private final ToDoubleFunction<double[]> target;
  private final int dimension;
  private final double noiseSd;
  private final double featureScale;
  private final int testPoints;
  private final long seed;

  private RandomFeatures(Builder b) {
    activation = b.activation;
    target = b.target;
    dimension = b.dimension;
    noiseSd = b.noiseSd;
    featureScale = b.featureScale;
    testPoints = b.testPoints;
    seed = b.seed;
  }

  /** ReLU features, d = 3, the default target, σ = 0.3, feature scale 1, 500 test points, seed 1. */
  public static Builder builder() {
    return new Builder();
  }

  public Activation activation() { return activation; }
  public double noiseSd() { return noiseSd; }

  public int dimension() { return dimension; }

  /** The target function f* at x (length d). */
  public double target(double[] x) {
    if (x.length != dimension) throw new IllegalArgumentException("x has " + x.length + " coordinates, the data " + dimension);
    return target.applyAsDouble(x);
  }

  /** The test inputs: {@code testPoints} draws of x ~ N(0, I_d), the same for every trial. */
  public double[][] testInputs() {
    return drawInputs(new SplittableRandom(seed ^ 0x5DEECE66DL), testPoints);
  }

  /**
   * Model-wise curve: n training points, the given feature counts, {@code trials} seeded trials;
   * mean test error with its standard error (no theory: the curve's theory column is NaN).
   */
  public RiskCurve modelWise(int n, int[] sizes, int trials) {
    requireSizes(n, sizes);
    if (trials < 2) throw new IllegalArgumentException("trials must be at least 2, got " + trials);
    int pMax = max(sizes);
    double[][] xTest = testInputs();
    double[] fTest = apply(xTest);
    double[][] risk = new double[trials][sizes.length];
    SplittableRandom root = new SplittableRandom(seed);
    for (int t = 0; t < trials; t++) {
      DoubleDescent.checkInterrupted();
      SplittableRandom rng = root.split();
      double[][][] wb = drawFeatures(rng, pMax);
      double[][] x = drawInputs(rng, n);
      double[] y = noisy(rng, x);
      double[][] phi = features(wb, x, pMax), phiTest = features(wb, xTest, pMax);
      for (int k = 0; k < sizes.length; k++) {
        double[] pred = fitAndPredict(phi, y, phiTest, sizes[k]);
        risk[t][k] = meanSquaredError(pred, fTest);
      }
    }
    double[] mean = new double[sizes.length], se = new double[sizes.length], theory = new double[sizes.length];
    for (int k = 0; k < sizes.length; k++) {
      double m = 0, ss = 0;
      for (double[] r : risk) m += r[k];
      m /= trials;
      for (double[] r : risk) ss += (r[k] - m) * (r[k] - m);
      mean[k] = m;
      se[k] = Math.sqrt(ss / (trials - 1) / trials);
      theory[k] = Double.NaN;
    }
    return new RiskCurve("p", sizes, mean, se, theory, trials);
  }

  /**
   * Bias–variance decomposition at the given feature counts: one seeded draw of the features (the
   * model at each p is fixed), {@code resamples} fresh training sets of n points each.
   */
  public BiasVariance biasVariance(int n, int[] sizes, int resamples) {
    requireSizes(n, sizes);
    if (resamples < 2) throw new IllegalArgumentException("resamples must be at least 2, got " + resamples);
    int pMax = max(sizes);
    SplittableRandom rng = new SplittableRandom(seed);
    double[][][] wb = drawFeatures(rng, pMax);
    double[][] xTest = testInputs();
    double[] fTest = apply(xTest);
    double[][] phiTest = features(wb, xTest, pMax);
    double[][][] preds = new double[sizes.length][resamples][];
    for (int s = 0; s < resamples; s++) {
      DoubleDescent.checkInterrupted();
      double[][] x = drawInputs(rng, n);
      double[] y = noisy(rng, x);
      double[][] phi = features(wb, x, pMax);
      for (int k = 0; k < sizes.length; k++) preds[k][s] = fitAndPredict(phi, y, phiTest, sizes[k]);
    }
    double[] bias2 = new double[sizes.length], variance = new double[sizes.length];
    for (int k = 0; k < sizes.length; k++) {
      for (int i = 0; i < xTest.length; i++) {
        double m = 0;
        for (int s = 0; s < resamples; s++) m += preds[k][s][i];
        m /= resamples;
        double v = 0;
        for (int s = 0; s < resamples; s++) v += (preds[k][s][i] - m) * (preds[k][s][i] - m);
        bias2[k] += (m - fTest[i]) * (m - fTest[i]);
        variance[k] += v / resamples;
      }
      bias2[k] /= xTest.length;
      variance[k] /= xTest.length;
    }
    return new BiasVariance(sizes, bias2, variance, resamples);
  }

  /**
   * The smallest non-zero singular value of the n×p feature matrix at each p (one nested draw per
   * trial), averaged over trials.
   */
  public double[] smallestSingularValues(int n, int[] sizes, int trials) {
    requireSizes(n, sizes);
    double[] out = new double[sizes.length];
    SplittableRandom root = new SplittableRandom(seed);
    for (int t = 0; t < trials; t++) {
      DoubleDescent.checkInterrupted();
      SplittableRandom rng = root.split();
      double[][][] wb = drawFeatures(rng, max(sizes));
      double[][] phi = features(wb, drawInputs(rng, n), max(sizes));
      for (int k = 0; k < sizes.length; k++) {
        out[k] += MinNormRegression.smallestNonZeroSingularValue(firstColumns(phi, sizes[k])) / trials;
      }
    }
    return out;
  }

  private double[] fitAndPredict(double[][] phi, double[] y, double[][] phiTest, int p) {
    double[] beta = MinNormRegression.fit(firstColumns(phi, p), y);
    double[] pred = new double[phiTest.length];
    for (int i = 0; i < phiTest.length; i++) {
      double s = 0;
      for (int j = 0; j < p; j++) s += phiTest[i][j] * beta[j];
      pred[i] = s;
    }
    return pred;
  }

  private static double[][] firstColumns(double[][] a, int p) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) out[i] = java.util.Arrays.copyOf(a[i], p);
    return out;
  }

  /** {w (p×d), b (p×1)}: w ~ N(0, s²I/d); b ~ N(0, s²) for ReLU, Uniform[0, 2π) for Fourier. */
  private double[][][] drawFeatures(SplittableRandom rng, int p) {
    double[][] w = new double[p][dimension], b = new double[p][1];
    double sw = featureScale / Math.sqrt(dimension);
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < dimension; k++) w[j][k] = sw * rng.nextGaussian();
      b[j][0] = activation == Activation.RELU ? featureScale * rng.nextGaussian() : 2 * Math.PI * rng.nextDouble();
    }
    return new double[][][] {w, b};
  }

  private double[][] features(double[][][] wb, double[][] x, int p) {
    double[][] phi = new double[x.length][p];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < p; j++) {
        double a = wb[1][j][0];
        for (int k = 0; k < dimension; k++) a += wb[0][j][k] * x[i][k];
        phi[i][j] = activation == Activation.RELU ? Math.max(0, a) : Math.sqrt(2) * Math.cos(a);
      }
    }
    return phi;
  }

  private double[][] drawInputs(SplittableRandom rng, int n) {
    double[][] x = new double[n][dimension];
    for (double[] row : x) for (int k = 0; k < dimension; k++) row[k] = rng.nextGaussian();
    return x;
  }

  private double[] noisy(SplittableRandom rng, double[][] x) {
    double[] y = apply(x);
    for (int i = 0; i < y.length; i++) y[i] += noiseSd * rng.nextGaussian();
    return y;
  }

  private double[] apply(double[][] x) {
    double[] f = new double[x.length];
    for (int i = 0; i < x.length; i++) f[i] = target.applyAsDouble(x[i]);
    return f;
  }

  private static double meanSquaredError(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
    return s / a.length;
  }

  private static int max(int[] a) {
    int m = a[0];
    for (int v : a) m = Math.max(m, v);
    return m;
  }

  private static void requireSizes(int n, int[] sizes) {
    if (n < 1) throw new IllegalArgumentException("n must be at least 1, got " + n);
    if (sizes.length == 0) throw new IllegalArgumentException("no feature counts given");
    for (int p : sizes) if (p < 1) throw new IllegalArgumentException("feature counts must be at least 1, got " + p);
  }

  /** Options of a {@link RandomFeatures} experiment. */
  public static final class Builder {
    private Activation activation = Activation.RELU;
    private ToDoubleFunction<double[]> target = DEFAULT_TARGET;
    private int dimension = 3;
    private double noiseSd = 0.3;
    private double featureScale = 1;
    private int testPoints = 500;
    private long seed = 1;

    private Builder() {}

    public Builder activation(Activation a) {
      this.activation = java.util.Objects.requireNonNull(a, "activation");
      return this;
    }

    /** d, the input dimension (≥ 1, default 3). */
    public Builder dimension(int d) {
      if (d < 1) throw new IllegalArgumentException("dimension must be at least 1, got " + d);
      this.dimension = d;
      return this;
    }

    /** The known function f* of x ∈ R^d (default {@link #DEFAULT_TARGET}). */
    public Builder target(ToDoubleFunction<double[]> f) {
      this.target = java.util.Objects.requireNonNull(f, "target");
      return this;
    }

    /** σ, the label-noise standard deviation (default 0.3). */
    public Builder noiseSd(double sigma) {
      DoubleDescentTheory.requireNonNegative("noise standard deviation", sigma);
      this.noiseSd = sigma;
      return this;
    }

    /** s: weights w ~ N(0, s²I/d), ReLU biases ~ N(0, s²) (default 1; for ReLU only the direction matters). */
    public Builder featureScale(double s) {
      if (!(s > 0) || !Double.isFinite(s)) throw new IllegalArgumentException("feature scale must be positive, got " + s);
      this.featureScale = s;
      return this;
    }

    /** Number of test inputs (≥ 2, default 500). */
    public Builder testPoints(int m) {
      if (m < 2) throw new IllegalArgumentException("test points must be at least 2, got " + m);
      this.testPoints = m;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public RandomFeatures build() {
      return new RandomFeatures(this);
    }
  }
}
