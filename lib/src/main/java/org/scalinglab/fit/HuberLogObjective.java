package org.scalinglab.fit;

import org.scalinglab.data.Runs;

/**
 * The Approach-3 objective of Hoffmann et al. 2022 (Section 3.3 and Appendix D.2, Eq. 3): the sum
 * over runs i of Huber_δ(log L̂(Nᵢ, Dᵢ) − log Lᵢ), with the law L̂ = E + A/N^α + B/D^β written in
 * log-sum-exp form, log L̂ = LSE(a − α·log N, b − β·log D, e), over the parameter vector
 * θ = (a, b, e, α, β) = (log A, log B, log E, α, β) (indices {@link #A}, {@link #B}, {@link #E},
 * {@link #ALPHA}, {@link #BETA}).
 *
 * <p>Huber_δ(r) = r²/2 for |r| ≤ δ and δ(|r| − δ/2) otherwise (Huber 1964). It is a <em>sum</em>,
 * not a mean, as in the replication by Besiroglu et al. 2024 (arXiv:2404.10102): L-BFGS's
 * function-change stopping rule is absolute for objectives below 1, so dividing by the number of
 * runs would make it stop early.
 *
 * <p>Gradient (analytic, fused with the value): with the soft-max weights wₖ of the three terms and
 * h = Huber′(r) = clamp(r, −δ, δ): ∂/∂a = Σ h·w₁, ∂/∂b = Σ h·w₂, ∂/∂e = Σ h·w₃,
 * ∂/∂α = −Σ h·w₁·log N, ∂/∂β = −Σ h·w₂·log D.
 *
 * <p>Performance: the logs of N, D and L are computed once; one evaluation costs one {@code exp}
 * per distinct N and per distinct D (IsoFLOP sweeps reuse model sizes), and, for δ ≤ 0.01, a
 * single {@code log} in all (see {@link #valueAndGradientSmallDelta}); it allocates nothing.
 * Immutable, so one instance serves all threads.
 */
public final class HuberLogObjective implements DifferentiableFunction {
  /** Index of a = log A in θ. */
  public static final int A = 0;
  /** Index of b = log B in θ. */
  public static final int B = 1;
  /** Index of e = log E in θ. */
  public static final int E = 2;
  /** Index of α in θ. */
  public static final int ALPHA = 3;
  /** Index of β in θ. */
  public static final int BETA = 4;
  /** Number of parameters. */
  public static final int SIZE = 5;

  private final double[] logN;
  private final double[] logD;
  private final double[] logL;
  private final double delta;
  // the losses and their inverses, and the ends of the ranges of log N and log D
  private final double[] loss;
  private final double[] invLoss;
  private final double minLogN;
  private final double maxLogN;
  private final double minLogD;
  private final double maxLogD;
  // e^δ, and whether valueAndGradientSmallDelta applies (δ ≤ 0.01 and every loss in [1e-40, 1e40])
  private final double expDelta;
  private final boolean productOfRatios;
  // Distinct values of log N and log D and, per run, the index of its value: IsoFLOP sweeps reuse
  // model sizes (the digitized Chinchilla runs have 142 distinct N in 245 runs), so each
  // evaluation computes exp(a − α·log N) once per distinct N.
  private final double[] distinctLogN;
  private final int[] nIndex;
  private final double[] distinctLogD;
  private final int[] dIndex;
  private final ThreadLocal<double[][]> scratch;

  private HuberLogObjective(double[] logN, double[] logD, double[] logL, double delta) {
    if (!(delta > 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("Huber delta must be a positive finite number, got " + delta);
    }
    this.logN = logN;
    this.logD = logD;
    this.logL = logL;
    this.delta = delta;
    this.minLogN = java.util.Arrays.stream(logN).min().orElse(0);
    this.maxLogN = java.util.Arrays.stream(logN).max().orElse(0);
    this.minLogD = java.util.Arrays.stream(logD).min().orElse(0);
    this.maxLogD = java.util.Arrays.stream(logD).max().orElse(0);
    this.expDelta = Math.exp(delta);
    this.loss = new double[logL.length];
    this.invLoss = new double[logL.length];
    for (int i = 0; i < logL.length; i++) {
      loss[i] = Math.exp(logL[i]);
      invLoss[i] = 1 / loss[i];
    }
    boolean lossesInRange = true;
    for (double l : loss) lossesInRange &= l > 1 / SAFE_LOSS && l < SAFE_LOSS;
    this.productOfRatios = delta <= MAX_SERIES_DELTA && lossesInRange;
    this.nIndex = new int[logN.length];
    this.distinctLogN = distinct(logN, nIndex);
    this.dIndex = new int[logD.length];
    this.distinctLogD = distinct(logD, dIndex);
    int kn = distinctLogN.length, kd = distinctLogD.length;
    this.scratch = ThreadLocal.withInitial(() -> new double[][] {new double[kn], new double[kd]});
  }

  /** The objective over these runs (their losses must be positive: the fit is in log space). */
  public static HuberLogObjective of(Runs runs, double delta) {
    int n = runs.size();
    double[] ln = new double[n], ld = new double[n], ll = new double[n];
    for (int i = 0; i < n; i++) {
      var r = runs.get(i);
      if (!(r.loss() > 0)) {
        throw new IllegalArgumentException(runs.source() + ": run " + (i + 1) + " has loss " + r.loss()
            + "; the Approach-3 fit works on log L and needs positive losses");
      }
      ln[i] = Math.log(r.params());
      ld[i] = Math.log(r.tokens());
      ll[i] = Math.log(r.loss());
    }
    return new HuberLogObjective(ln, ld, ll, delta);
  }

  private static double[] distinct(double[] values, int[] index) {
    java.util.Map<Double, Integer> seen = new java.util.HashMap<>();
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      Integer k = seen.get(values[i]);
      if (k == null) {
        k = seen.size();
        seen.put(values[i], k);
        out[k] = values[i];
      }
      index[i] = k;
    }
    return java.util.Arrays.copyOf(out, seen.size());
  }

  /** Number of runs in the sum. */
  public int size() {
    return logL.length;
  }

  public double delta() {
    return delta;
  }

  /** The objective's value at θ. */
  public double value(double[] theta) {
    return valueAndGradient(theta, new double[SIZE]);
  }

  /** θ = (log A, log B, log E, α, β) of a Chinchilla-form law (E must be positive). */
  public static double[] thetaOf(org.scalinglab.law.ChinchillaLaw law) {
    if (!(law.e() > 0)) throw new IllegalArgumentException("E must be positive for the log-space form, got " + law.e());
    return new double[] {Math.log(law.a()), Math.log(law.b()), Math.log(law.e()), law.alpha(), law.beta()};
  }

  /** The objective's value at a law's parameters: how well a published law fits these runs. */
  public double value(org.scalinglab.law.ChinchillaLaw law) {
    return value(thetaOf(law));
  }

  /** The mean log-space residual of a law over the runs: > 0 when it predicts too high a loss on average. */
  public double meanResidual(org.scalinglab.law.ChinchillaLaw law) {
    double[] theta = thetaOf(law);
    double s = 0;
    for (int i = 0; i < logL.length; i++) s += residual(theta, i);
    return s / logL.length;
  }

  /** The log-space residual log L̂ − log L of run i at θ. */
  public double residual(double[] theta, int i) {
    return logSumExp(theta[A] - theta[ALPHA] * logN[i], theta[B] - theta[BETA] * logD[i], theta[E]) - logL[i];
  }

  @Override
  public double valueAndGradient(double[] theta, double[] gradient) {
    return productOfRatios ? valueAndGradientSmallDelta(theta, gradient) : valueAndGradientLogs(theta, gradient);
  }

  /** Largest δ for which {@link #valueAndGradientSmallDelta} is used. */
  static final double MAX_SERIES_DELTA = 0.01;

  /**
   * The value and gradient with one logarithm for all runs beyond ±δ (δ ≤ 0.01, which includes
   * Hoffmann et al.'s 10⁻³, leaves most runs there). Such a run adds δ·|r| − δ²/2 to f, and
   * |r| = log max(L̂/L, L/L̂), so Σ δ·|rᵢ| = δ·log Π max(L̂ᵢ/Lᵢ, Lᵢ/L̂ᵢ): the loop multiplies the
   * mantissas of those maxima and adds their binary exponents (so the product stays in range without
   * a test), and takes one log at the end. Only runs within ±δ take their own log; the gradient
   * takes none, since Huber′(r) = ±δ beyond ±δ.
   *
   * <p>Exponentials come from {@link TableExp}, valid for arguments in [−708, 709]; the arguments
   * are linear in log N and log D, so their extremes are at the ends of those ranges, which are
   * checked once before the loop (a θ outside them goes to {@link #valueAndGradientShifted}).
   * Within [−600, 600], and with losses in [10⁻⁴⁰, 10⁴⁰] (checked at construction), every sum,
   * ratio and product below is a normal double. Branches that are rarely taken are kept out of the
   * loop: HotSpot's C2 compiles a branch its profile never saw taken into a trap that discards the
   * compiled method when first taken, which costs a short process like {@code ./scalinglab fit}.
   */
  private double valueAndGradientSmallDelta(double[] theta, double[] gradient) {
    final double a = theta[A], b = theta[B], e = theta[E], alpha = theta[ALPHA], beta = theta[BETA];
    // One test for all five ends: their sizes add up to less than SAFE_ARGUMENT only if each is
    // below it (stricter than needed, never wrong; Math.abs has no branch, NaN fails the test). Not
    // Math.max: its tests for NaN and −0 are branches that C2 turns into traps (the grid starts at e = 0).
    double spread = Math.abs(e) + Math.abs(a - alpha * maxLogN) + Math.abs(a - alpha * minLogN)
        + Math.abs(b - beta * maxLogD) + Math.abs(b - beta * minLogD);
    if (!(spread < SAFE_ARGUMENT)) return valueAndGradientShifted(theta, gradient);
    final double expE = TableExp.expInRange(e);
    final double dl = delta, eDelta = expDelta;
    double[][] s = scratch.get();
    final double[] termN = s[0], termD = s[1];
    for (int j = 0; j < termN.length; j++) termN[j] = TableExp.expInRange(a - alpha * distinctLogN[j]);
    for (int j = 0; j < termD.length; j++) termD[j] = TableExp.expInRange(b - beta * distinctLogD[j]);
    final double[] ln = logN, ld = logD, ll = logL, lossOf = loss, invLossOf = invLoss;
    final int[] ni = nIndex, di = dIndex;
    final int n = ll.length;
    double mantissas = 1, fInner = 0, ga = 0, gb = 0, ge = 0, gAlpha = 0, gBeta = 0;
    long exponents = 0;
    int outer = 0;
    // blocks of at most 512 runs: 512 mantissas in [1, 2) multiply to less than 2⁵¹², and after each
    // block the product's own exponent moves into the sum of exponents
    for (int from = 0; from < n; from += 512) {
      for (int i = from, to = Math.min(n, from + 512); i < to; i++) {
        double u1 = termN[ni[i]], u2 = termD[di[i]];
        double sum = u1 + u2 + expE;
        double inv = 1 / sum;
        double up = sum * invLossOf[i], down = lossOf[i] * inv; // e^r and e^−r
        double big = up > down ? up : down; // e^|r| (both ways are common: no trap)
        double h;
        if (big > eDelta) { // |r| > δ: Huber′(r) = ±δ
          h = Math.copySign(dl, up - down);
          exponents += binaryExponent(big);
          mantissas *= mantissa(big);
          outer++;
        } else { // |r| ≤ δ: Huber(r) = r²/2, Huber′(r) = r
          double r = Math.log(sum) - ll[i];
          h = r;
          fInner += 0.5 * r * r;
        }
        double hs = h * inv;
        double w1 = hs * u1, w2 = hs * u2;
        ga += w1;
        gb += w2;
        ge += hs;
        gAlpha -= w1 * ln[i];
        gBeta -= w2 * ld[i];
      }
      exponents += binaryExponent(mantissas);
      mantissas = mantissa(mantissas);
    }
    setGradient(gradient, ga, gb, ge * expE, gAlpha, gBeta);
    return dl * (Math.log(mantissas) + exponents * LN2) - outer * (0.5 * dl * dl) + fInner;
  }

  /** Exponent arguments whose sizes add up to less than this take {@link #valueAndGradientSmallDelta}'s direct sums. */
  private static final double SAFE_ARGUMENT = 600;
  /** Losses within [1/this, this] take {@link #valueAndGradientSmallDelta}. */
  private static final double SAFE_LOSS = 1e40;

  private static final double LN2 = Math.log(2);

  /** k with x = m·2ᵏ, m in [1, 2), for a positive normal double x (its bits, no branch). */
  private static long binaryExponent(double x) {
    return (Double.doubleToRawLongBits(x) >>> 52) - 1023;
  }

  /** m with x = m·2ᵏ, m in [1, 2), for a positive normal double x. */
  private static double mantissa(double x) {
    return Double.longBitsToDouble((Double.doubleToRawLongBits(x) & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
  }

  // The three evaluation paths accumulate the same five sums in their loops, each its own copy so
  // that the sums stay in registers of that loop; they store them here.
  private static void setGradient(double[] gradient, double ga, double gb, double ge, double gAlpha, double gBeta) {
    gradient[A] = ga;
    gradient[B] = gb;
    gradient[E] = ge;
    gradient[ALPHA] = gAlpha;
    gradient[BETA] = gBeta;
  }

  /** The value and gradient for any δ: one exp per distinct N and D and one log per run. */
  private double valueAndGradientLogs(double[] theta, double[] gradient) {
    final double a = theta[A], b = theta[B], e = theta[E], alpha = theta[ALPHA], beta = theta[BETA];
    final double expE = Math.exp(e);
    final double dl = delta;
    double[][] s = scratch.get();
    final double[] termN = s[0], termD = s[1];
    for (int j = 0; j < termN.length; j++) termN[j] = Math.exp(a - alpha * distinctLogN[j]);
    for (int j = 0; j < termD.length; j++) termD[j] = Math.exp(b - beta * distinctLogD[j]);
    final double[] ln = logN, ld = logD, ll = logL;
    final int[] ni = nIndex, di = dIndex;
    double f = 0, ga = 0, gb = 0, ge = 0, gAlpha = 0, gBeta = 0;
    boolean wild = false;
    for (int i = 0; i < ll.length; i++) {
      double u1 = termN[ni[i]], u2 = termD[di[i]];
      double sum = u1 + u2 + expE;
      wild |= !(sum > 1e-300 && sum < Double.POSITIVE_INFINITY);
      double r = Math.log(sum) - ll[i];
      // Huber′(r) = clamp(r, −δ, δ), and Huber(r) = h·(r − h/2) in all three regimes.
      double h = r > dl ? dl : (r < -dl ? -dl : r);
      f += h * (r - 0.5 * h);
      double hs = h / sum;
      double w1 = hs * u1, w2 = hs * u2;
      ga += w1;
      gb += w2;
      ge += hs;
      gAlpha -= w1 * ln[i];
      gBeta -= w2 * ld[i];
    }
    if (wild) return valueAndGradientShifted(theta, gradient);
    setGradient(gradient, ga, gb, ge * expE, gAlpha, gBeta);
    return f;
  }

  /**
   * The same value and gradient with every log-sum-exp shifted by its largest term: slower, but
   * free of overflow and underflow, for the rare θ (far from any fit) where the direct sums leave
   * the range of doubles.
   */
  private double valueAndGradientShifted(double[] theta, double[] gradient) {
    final double a = theta[A], b = theta[B], e = theta[E], alpha = theta[ALPHA], beta = theta[BETA];
    final double dl = delta;
    double f = 0, ga = 0, gb = 0, ge = 0, gAlpha = 0, gBeta = 0;
    for (int i = 0; i < logL.length; i++) {
      double t1 = a - alpha * logN[i], t2 = b - beta * logD[i];
      double m = Math.max(Math.max(t1, t2), e);
      double u1 = Math.exp(t1 - m), u2 = Math.exp(t2 - m), u3 = Math.exp(e - m);
      double sum = u1 + u2 + u3;
      double r = m + Math.log(sum) - logL[i];
      double h = r > dl ? dl : (r < -dl ? -dl : r);
      f += h * (r - 0.5 * h);
      double hs = h / sum;
      ga += hs * u1;
      gb += hs * u2;
      ge += hs * u3;
      gAlpha -= hs * u1 * logN[i];
      gBeta -= hs * u2 * logD[i];
    }
    setGradient(gradient, ga, gb, ge, gAlpha, gBeta);
    return f;
  }

  /** log(eˣ + eʸ + eᶻ) without overflow. */
  static double logSumExp(double x, double y, double z) {
    double m = Math.max(Math.max(x, y), z);
    if (m == Double.NEGATIVE_INFINITY) return m;
    return m + Math.log(Math.exp(x - m) + Math.exp(y - m) + Math.exp(z - m));
  }
}
