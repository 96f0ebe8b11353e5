package org.scalinglab.fit;

import java.util.Locale;

/**
 * Limited-memory BFGS minimisation of a smooth function (Nocedal 1980; Liu &amp; Nocedal 1989; the
 * two-loop recursion of Nocedal &amp; Wright, "Numerical Optimization", 2nd ed., Algorithm 7.4, with
 * the initial scaling γ = sᵀy / yᵀy of Eq. 7.20), using a strong-Wolfe line search
 * ({@link StrongWolfeLineSearch}).
 *
 * <p>Written by hand on purpose: neither Apache Commons Math 3.6.1 nor its fork Hipparchus ships an
 * L-BFGS (they offer nonlinear conjugate gradients, BOBYQA, CMA-ES, Powell and simplex), and the
 * scaling-law fitters need a quasi-Newton method with a gradient, which is what the published
 * Chinchilla fits used (scipy's L-BFGS-B).
 *
 * <p>Stopping rules follow scipy's L-BFGS-B so that the two are comparable: stop when
 * max|∇f| ≤ {@code gradientTolerance} ("pgtol"), or when the decrease of one step satisfies
 * (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ {@code functionTolerance} ("ftol", default
 * 2.22·10⁻⁹ = 10⁷ machine epsilons as in scipy). Note the "1" in that denominator: for an objective
 * far below 1 the test is absolute, which is why a fit must minimise a <em>sum</em> over points
 * (a mean shrinks f and makes the search stop early).
 *
 * <p>Instances are immutable and thread-safe; every {@link #minimize} call allocates its own small
 * workspace.
 */
public final class Lbfgs {
  private final int memory;
  private final int maxIterations;
  private final int maxEvaluations;
  private final double gradientTolerance;
  private final double functionTolerance;
  private final StrongWolfeLineSearch lineSearch;

  private Lbfgs(Builder b) {
    this.memory = b.memory;
    this.maxIterations = b.maxIterations;
    this.maxEvaluations = b.maxEvaluations;
    this.gradientTolerance = b.gradientTolerance;
    this.functionTolerance = b.functionTolerance;
    this.lineSearch = new StrongWolfeLineSearch(b.c1, b.c2, b.maxLineSearchEvaluations);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: memory 10, pgtol 1e-5, ftol 2.22e-9, at most 15,000 iterations and evaluations (scipy's). */
  public static Lbfgs defaults() {
    return builder().build();
  }

  public int memory() {
    return memory;
  }

  public double gradientTolerance() {
    return gradientTolerance;
  }

  public double functionTolerance() {
    return functionTolerance;
  }

  /** Minimises {@code f} from {@code start}; never throws for a bad objective, but reports it. */
  public LbfgsResult minimize(DifferentiableFunction f, double[] start) {
    final int n = start.length;
    double[] x = start.clone();
    double[] g = new double[n];
    double[] p = new double[n];
    double[][] s = new double[memory][n];
    double[][] y = new double[memory][n];
    double[] rho = new double[memory];
    double[] alpha = new double[memory];
    double[] sNew = new double[n], yNew = new double[n];
    StrongWolfeLineSearch.Workspace w = new StrongWolfeLineSearch.Workspace(n);

    double fx = f.valueAndGradient(x, g);
    int evaluations = 1;
    if (!Double.isFinite(fx)) {
      return new LbfgsResult(x, fx, Double.NaN, 0, evaluations, false, "objective is not finite at the start");
    }
    double gNorm = maxAbs(g);
    if (gNorm <= gradientTolerance) {
      return new LbfgsResult(x, fx, gNorm, 0, evaluations, true, "gradient below tolerance at the start");
    }
    int stored = 0, newest = -1; // circular buffer of the last `memory` (s, y) pairs
    for (int iter = 0; iter < maxIterations; iter++) {
      double step0;
      if (stored == 0) {
        for (int j = 0; j < n; j++) p[j] = -g[j];
        step0 = Math.min(1.0, 1.0 / Math.sqrt(StrongWolfeLineSearch.dot(g, g)));
      } else {
        twoLoop(g, s, y, rho, alpha, stored, newest, p);
        step0 = 1.0;
      }
      double d0 = StrongWolfeLineSearch.dot(g, p);
      if (!(d0 < 0)) { // not a descent direction (numerical trouble): restart from steepest descent
        stored = 0;
        for (int j = 0; j < n; j++) p[j] = -g[j];
        d0 = -StrongWolfeLineSearch.dot(g, g);
        step0 = Math.min(1.0, 1.0 / Math.sqrt(-d0));
      }
      boolean ok = lineSearch.search(f, x, fx, d0, p, step0, w);
      evaluations += w.evaluations;
      if (!ok && stored > 0) { // retry once along the steepest descent with a fresh memory
        stored = 0;
        for (int j = 0; j < n; j++) p[j] = -g[j];
        d0 = -StrongWolfeLineSearch.dot(g, g);
        ok = lineSearch.search(f, x, fx, d0, p, Math.min(1.0, 1.0 / Math.sqrt(-d0)), w);
        evaluations += w.evaluations;
      }
      if (!ok) {
        return new LbfgsResult(x, fx, gNorm, iter, evaluations, false,
            "line search found no decrease (abnormal termination)");
      }
      // Store the new pair s = x⁺ − x, y = g⁺ − g if it keeps the update positive definite.
      double sy = 0, yy = 0;
      for (int j = 0; j < n; j++) {
        sNew[j] = w.x[j] - x[j];
        yNew[j] = w.g[j] - g[j];
        sy += sNew[j] * yNew[j];
        yy += yNew[j] * yNew[j];
      }
      if (sy > 1e-10 * yy && sy > 0) {
        int slot = (newest + 1) % memory;
        double[] t = s[slot];
        s[slot] = sNew;
        sNew = t;
        t = y[slot];
        y[slot] = yNew;
        yNew = t;
        rho[slot] = 1.0 / sy;
        newest = slot;
        if (stored < memory) stored++;
      }
      double fPrev = fx;
      System.arraycopy(w.x, 0, x, 0, n);
      System.arraycopy(w.g, 0, g, 0, n);
      fx = w.f;
      gNorm = maxAbs(g);
      if (gNorm <= gradientTolerance) {
        return new LbfgsResult(x, fx, gNorm, iter + 1, evaluations, true, "gradient below tolerance");
      }
      if (fPrev - fx <= functionTolerance * Math.max(Math.max(Math.abs(fPrev), Math.abs(fx)), 1.0)) {
        return new LbfgsResult(x, fx, gNorm, iter + 1, evaluations, true, "relative reduction of f below tolerance");
      }
      if (evaluations >= maxEvaluations) {
        return new LbfgsResult(x, fx, gNorm, iter + 1, evaluations, false, "evaluation limit reached");
      }
    }
    return new LbfgsResult(x, fx, gNorm, maxIterations, evaluations, false, "iteration limit reached");
  }

  /** p = −H·g by the two-loop recursion over the stored pairs, newest first. */
  private static void twoLoop(double[] g, double[][] s, double[][] y, double[] rho, double[] alpha,
      int stored, int newest, double[] p) {
    int n = g.length, m = s.length;
    for (int j = 0; j < n; j++) p[j] = -g[j];
    int k = newest;
    for (int i = 0; i < stored; i++) {
      alpha[k] = rho[k] * StrongWolfeLineSearch.dot(s[k], p);
      double a = alpha[k];
      double[] yk = y[k];
      for (int j = 0; j < n; j++) p[j] -= a * yk[j];
      k = k == 0 ? m - 1 : k - 1; // (k − 1) mod m, without the division of %
    }
    double[] yLast = y[newest];
    double gamma = 1.0 / (rho[newest] * StrongWolfeLineSearch.dot(yLast, yLast));
    for (int j = 0; j < n; j++) p[j] *= gamma;
    k = newest - stored + 1;
    if (k < 0) k += m;
    for (int i = 0; i < stored; i++) {
      double beta = rho[k] * StrongWolfeLineSearch.dot(y[k], p);
      double c = alpha[k] - beta;
      double[] sk = s[k];
      for (int j = 0; j < n; j++) p[j] += c * sk[j];
      k = k == m - 1 ? 0 : k + 1;
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) m = Math.max(m, Math.abs(x));
    return m;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Lbfgs[memory=%d, pgtol=%g, ftol=%g]", memory, gradientTolerance, functionTolerance);
  }

  /** Options for {@link Lbfgs}; every setter validates its argument. */
  public static final class Builder {
    private int memory = 10;
    private int maxIterations = 15000;
    private int maxEvaluations = 15000;
    private int maxLineSearchEvaluations = 40;
    private double gradientTolerance = 1e-5;
    private double functionTolerance = 1e7 * Math.ulp(1.0);
    private double c1 = 1e-4;
    private double c2 = 0.9;

    private Builder() {}

    /** Number of (s, y) pairs kept (default 10, scipy's maxcor). */
    public Builder memory(int m) {
      if (m < 1) throw new IllegalArgumentException("memory must be ≥ 1, got " + m);
      this.memory = m;
      return this;
    }

    public Builder maxIterations(int k) {
      if (k < 1) throw new IllegalArgumentException("maxIterations must be ≥ 1, got " + k);
      this.maxIterations = k;
      return this;
    }

    public Builder maxEvaluations(int k) {
      if (k < 1) throw new IllegalArgumentException("maxEvaluations must be ≥ 1, got " + k);
      this.maxEvaluations = k;
      return this;
    }

    /** Stop when max|∇f| ≤ tol (scipy's pgtol, default 1e-5). */
    public Builder gradientTolerance(double tol) {
      if (!(tol >= 0)) throw new IllegalArgumentException("gradientTolerance must be ≥ 0, got " + tol);
      this.gradientTolerance = tol;
      return this;
    }

    /** Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ tol (scipy's ftol, default 2.22e-9). */
    public Builder functionTolerance(double tol) {
      if (!(tol >= 0)) throw new IllegalArgumentException("functionTolerance must be ≥ 0, got " + tol);
      this.functionTolerance = tol;
      return this;
    }

    /** Wolfe constants c₁ (sufficient decrease, default 1e-4) and c₂ (curvature, default 0.9). */
    public Builder wolfe(double c1, double c2) {
      if (!(0 < c1 && c1 < c2 && c2 < 1)) {
        throw new IllegalArgumentException("need 0 < c1 < c2 < 1, got c1=" + c1 + ", c2=" + c2);
      }
      this.c1 = c1;
      this.c2 = c2;
      return this;
    }

    public Lbfgs build() {
      return new Lbfgs(this);
    }
  }
}
