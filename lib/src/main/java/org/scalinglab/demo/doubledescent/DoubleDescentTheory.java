package org.scalinglab.demo.doubledescent;

/**
 * Exact expected excess risk of least squares with isotropic Gaussian features, the theory that
 * {@link DoubleDescent} simulates.
 *
 * <p>Model: rows x ~ N(0, I_p), y = xᵀβ + ε with ‖β‖² = r² (the <em>signal variance</em>, the
 * variance of xᵀβ) and ε ~ N(0, σ²) (the <em>noise variance</em>); n training rows form X (n×p).
 * The minimum-norm least-squares estimator is β̂ = X⁺y. Because x is isotropic, a fitted β̂ has excess
 * test risk E[(xᵀβ̂ − xᵀβ)²] = ‖β̂ − β‖², and its expectation over X and ε is, exactly:
 * <ul>
 *   <li>p ≤ n − 2: σ²·p/(n − p − 1) (no bias: β̂ − β = (XᵀX)⁻¹Xᵀε, and E(XᵀX)⁻¹ = I/(n − p − 1) for a
 *       Wishart matrix with n degrees of freedom);</li>
 *   <li>p ≥ n + 2: r²·(1 − n/p) + σ²·n/(p − n − 1) (bias ‖(I − P)β‖², P the projection on the row space
 *       of X, a uniformly random n-dimensional subspace, so E = r²(1 − n/p); variance
 *       σ² tr E(XXᵀ)⁻¹ = σ²n/(p − n − 1));</li>
 *   <li>p ∈ {n − 1, n, n + 1}: infinite (the inverse-Wishart mean does not exist).</li>
 * </ul>
 * This is Belkin, Hsu &amp; Xu (2020), "Two models of double descent for weak features", SIAM J.
 * Math. Data Sci. 2(4), Theorem 1, with all features observed (their ‖β_{T^c}‖ = 0 and test risk
 * minus σ²). Its proportional limit p, n → ∞ with γ = p/n is Hastie, Montanari, Rosset &amp;
 * Tibshirani (2019), "Surprises in high-dimensional ridgeless least squares interpolation",
 * arXiv:1903.08560, Theorem 1: σ²γ/(1 − γ) for γ &lt; 1 and r²(1 − 1/γ) + σ²/(γ − 1) for γ &gt; 1.
 *
 * <p>Ridge: this library writes ridge as β̂_λ = argmin ‖y − Xβ‖² + λ‖β‖² = (XᵀX + λI)⁻¹Xᵀy (the
 * unnormalised penalty). Hastie et al. (Section 5) normalise the loss by n, so their λ_H = λ/n;
 * their optimal λ_H* = σ²γ/r² is λ* = σ²p/r² here: the posterior mean under the prior
 * β ~ N(0, (r²/p)·I), hence optimal at every n (exactly so for that prior; for a fixed β of norm r
 * it is the limit-optimal choice). Its limiting risk is {@link #ridgeLimitRisk}, the
 * Marchenko–Pastur formula of Dobriban &amp; Wager (2018), "High-dimensional asymptotics of
 * prediction", Ann. Statist. 46(1), Theorem 2.1, and Hastie et al. Theorem 5 (isotropic case):
 * R = r²·λ_H²·m′(−λ_H) + σ²γ·(m(−λ_H) − λ_H·m′(−λ_H)), m the Stieltjes transform of the
 * Marchenko–Pastur law with ratio γ.
 */
public final class DoubleDescentTheory {
  private DoubleDescentTheory() {}

  /**
   * E‖β̂ − β‖² of the minimum-norm estimator at finite n and p (see the class comment);
   * {@code Double.POSITIVE_INFINITY} for p ∈ {n − 1, n, n + 1}.
   *
   * @param n training points (≥ 1)
   * @param p features (≥ 1)
   * @param signalVar r² = ‖β‖² (≥ 0)
   * @param noiseVar σ² (≥ 0)
   */
  public static double minNormRisk(int n, int p, double signalVar, double noiseVar) {
    return minNormBias(n, p, signalVar) + minNormVariance(n, p, noiseVar);
  }

  /** The bias part of {@link #minNormRisk}: 0 for p ≤ n, r²(1 − n/p) for p &gt; n. */
  public static double minNormBias(int n, int p, double signalVar) {
    check(n, p, signalVar, 0);
    return p <= n ? 0 : signalVar * (1 - (double) n / p);
  }

  /**
   * The variance part of {@link #minNormRisk}: σ²p/(n − p − 1) for p ≤ n − 2, σ²n/(p − n − 1) for
   * p ≥ n + 2, infinite in between (0 when σ² = 0).
   */
  public static double minNormVariance(int n, int p, double noiseVar) {
    check(n, p, 0, noiseVar);
    if (noiseVar == 0) return 0;
    if (p <= n - 2) return noiseVar * p / (n - p - 1.0);
    if (p >= n + 2) return noiseVar * n / (p - n - 1.0);
    return Double.POSITIVE_INFINITY;
  }

  /** True where {@link #minNormRisk} is infinite (σ² &gt; 0 and p ∈ {n − 1, n, n + 1}). */
  public static boolean isInfinite(int n, int p, double noiseVar) {
    return noiseVar > 0 && Math.abs(p - n) <= 1;
  }

  /**
   * Proportional limit of {@link #minNormRisk} at γ = p/n (Hastie et al. 2019, Theorem 1):
   * σ²γ/(1 − γ) for γ &lt; 1, r²(1 − 1/γ) + σ²/(γ − 1) for γ &gt; 1, infinite at γ = 1 (when σ² &gt; 0).
   */
  public static double limitRisk(double gamma, double signalVar, double noiseVar) {
    checkGamma(gamma, signalVar, noiseVar);
    if (gamma < 1) return noiseVar * gamma / (1 - gamma);
    if (gamma > 1) return signalVar * (1 - 1 / gamma) + noiseVar / (gamma - 1);
    return noiseVar > 0 ? Double.POSITIVE_INFINITY : 0;
  }

  /**
   * The optimal ridge penalty λ* = σ²p/r² for β̂ = (XᵀX + λI)⁻¹Xᵀy (Hastie et al. 2019, Section 5:
   * λ_H* = σ²γ/r² with their loss normalised by n; see the class comment).
   */
  public static double optimalRidge(int p, double signalVar, double noiseVar) {
    if (p < 1) throw new IllegalArgumentException("p must be at least 1, got " + p);
    if (!(signalVar > 0) || !Double.isFinite(signalVar)) {
      throw new IllegalArgumentException("signal variance must be positive for the optimal ridge, got " + signalVar);
    }
    requireNonNegative("noise variance", noiseVar);
    return noiseVar * p / signalVar;
  }

  /**
   * Proportional limit of E‖β̂_λ − β‖² for ridge with penalty λ (this library's, unnormalised) at n
   * training points: with γ = p/n and λ_H = λ/n, R = r²λ_H²m′ + σ²γ(m − λ_H m′), where m = m(−λ_H)
   * solves γλ_H m² + (1 − γ + λ_H)m − 1 = 0 (Marchenko–Pastur; Dobriban &amp; Wager 2018, Theorem 2.1;
   * Hastie et al. 2019, Theorem 5). At λ = 0 this is {@link #limitRisk}.
   */
  public static double ridgeLimitRisk(double gamma, double lambdaOverN, double signalVar, double noiseVar) {
    checkGamma(gamma, signalVar, noiseVar);
    requireNonNegative("ridge λ/n", lambdaOverN);
    if (lambdaOverN == 0) return limitRisk(gamma, signalVar, noiseVar);
    double l = lambdaOverN, b = 1 - gamma + l;
    double root = Math.sqrt(b * b + 4 * gamma * l);
    // the positive root, in the form without cancellation for either sign of b
    double m = b >= 0 ? 2 / (b + root) : (root - b) / (2 * gamma * l);
    double mLambda = -(gamma * m * m + m) / (2 * gamma * l * m + b); // dm(−λ)/dλ
    double mPrime = -mLambda; // m′(z) at z = −λ
    return signalVar * l * l * mPrime + noiseVar * gamma * (m - l * mPrime);
  }

  /**
   * |√p − √n|: where the smallest non-zero singular value of an n×p matrix of independent N(0, 1)
   * entries concentrates for large n, p (Marchenko–Pastur edge; Bai &amp; Yin 1993). It vanishes at
   * p = n, where the true value is of order 1/√n (Rudelson &amp; Vershynin 2008).
   */
  public static double singularValueEdge(int n, int p) {
    check(n, p, 0, 0);
    return Math.abs(Math.sqrt(p) - Math.sqrt(n));
  }

  private static void check(int n, int p, double signalVar, double noiseVar) {
    if (n < 1) throw new IllegalArgumentException("n must be at least 1, got " + n);
    if (p < 1) throw new IllegalArgumentException("p must be at least 1, got " + p);
    requireNonNegative("signal variance", signalVar);
    requireNonNegative("noise variance", noiseVar);
  }

  private static void checkGamma(double gamma, double signalVar, double noiseVar) {
    if (!(gamma > 0) || !Double.isFinite(gamma)) throw new IllegalArgumentException("γ = p/n must be positive, got " + gamma);
    requireNonNegative("signal variance", signalVar);
    requireNonNegative("noise variance", noiseVar);
  }

  static void requireNonNegative(String what, double v) {
    if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException(what + " must be a non-negative finite number, got " + v);
  }
}
