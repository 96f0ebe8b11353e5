package org.scalinglab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LbfgsTest {
  /** Rosenbrock's banana f(x, y) = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1). */
  static final DifferentiableFunction ROSENBROCK = (x, g) -> {
    double a = 1 - x[0], b = x[1] - x[0] * x[0];
    g[0] = -2 * a - 400 * x[0] * b;
    g[1] = 200 * b;
    return a * a + 100 * b * b;
  };

  @Test
  void rosenbrockFromTheClassicStart() {
    Lbfgs opt = Lbfgs.builder().gradientTolerance(1e-10).functionTolerance(0).build();
    LbfgsResult r = opt.minimize(ROSENBROCK, new double[] {-1.2, 1.0});
    assertTrue(r.converged(), r.toString());
    assertEquals(1.0, r.x()[0], 1e-7);
    assertEquals(1.0, r.x()[1], 1e-7);
    assertEquals(0.0, r.value(), 1e-14);
    assertTrue(r.iterations() < 100, "iterations " + r.iterations());
  }

  @Test
  void rosenbrockInTenDimensions() {
    DifferentiableFunction f = (x, g) -> {
      double v = 0;
      java.util.Arrays.fill(g, 0);
      for (int i = 0; i + 1 < x.length; i++) {
        double a = 1 - x[i], b = x[i + 1] - x[i] * x[i];
        v += a * a + 100 * b * b;
        g[i] += -2 * a - 400 * x[i] * b;
        g[i + 1] += 200 * b;
      }
      return v;
    };
    double[] start = new double[10];
    java.util.Arrays.fill(start, -1);
    LbfgsResult r = Lbfgs.builder().gradientTolerance(1e-9).functionTolerance(0).build().minimize(f, start);
    assertTrue(r.converged(), r.toString());
    for (double xi : r.x()) assertEquals(1.0, xi, 1e-6);
  }

  @Test
  void convexQuadraticIsSolvedExactly() {
    // f(x) = ½ xᵀQx − cᵀx with an ill-conditioned diagonal-plus-coupling Q (condition ≈ 10³).
    int n = 6;
    double[][] q = new double[n][n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      q[i][i] = Math.pow(10, 3.0 * i / (n - 1));
      if (i + 1 < n) q[i][i + 1] = q[i + 1][i] = 0.3;
      c[i] = i + 1;
    }
    DifferentiableFunction f = (x, g) -> {
      double v = 0;
      for (int i = 0; i < n; i++) {
        double qi = 0;
        for (int j = 0; j < n; j++) qi += q[i][j] * x[j];
        g[i] = qi - c[i];
        v += 0.5 * x[i] * qi - c[i] * x[i];
      }
      return v;
    };
    LbfgsResult r = Lbfgs.builder().gradientTolerance(1e-9).functionTolerance(0).build().minimize(f, new double[n]);
    assertTrue(r.converged(), r.toString());
    assertTrue(r.iterations() < 60, r.toString());
    // The minimiser solves Qx = c; check the residual (f's rounding limits how far below 1e-9 it can go).
    double[] x = r.x();
    for (int i = 0; i < n; i++) {
      double qi = 0;
      for (int j = 0; j < n; j++) qi += q[i][j] * x[j];
      assertEquals(c[i], qi, 1e-8);
    }
  }

  @Test
  void stopsAtAStationaryStart() {
    LbfgsResult r = Lbfgs.defaults().minimize(ROSENBROCK, new double[] {1, 1});
    assertTrue(r.converged());
    assertEquals(0, r.iterations());
  }

  @Test
  void reportsAnObjectiveThatIsNotFinite() {
    LbfgsResult r = Lbfgs.defaults().minimize((x, g) -> Double.NaN, new double[] {0});
    assertFalse(r.converged());
    assertTrue(r.reason().contains("not finite"), r.reason());
  }

  @Test
  void stepsBackFromRegionsWhereTheObjectiveOverflows() {
    // f(x) = exp(x) − 2x is finite everywhere but the first steepest-descent trial from far left
    // lands in overflow territory unless the line search bisects back.
    DifferentiableFunction f = (x, g) -> {
      double ex = x[0] > 5 ? Double.POSITIVE_INFINITY : Math.exp(x[0]);
      g[0] = ex - 2;
      return ex - 2 * x[0];
    };
    LbfgsResult r = Lbfgs.builder().gradientTolerance(1e-10).functionTolerance(0).build().minimize(f, new double[] {-30});
    assertTrue(r.converged(), r.toString());
    assertEquals(Math.log(2), r.x()[0], 1e-8);
  }

  @Test
  void aMeanObjectiveStopsEarlierThanTheSumUnderScipysRelativeRule() {
    // The reason Approach 3 minimises a sum: f/1000 hits the absolute-for-small-f ftol test sooner.
    DifferentiableFunction sum = ROSENBROCK;
    DifferentiableFunction mean = (x, g) -> {
      double v = ROSENBROCK.valueAndGradient(x, g);
      for (int i = 0; i < g.length; i++) g[i] /= 1e4;
      return v / 1e4;
    };
    double[] start = {-1.2, 1.0};
    LbfgsResult rs = Lbfgs.defaults().minimize(sum, start);
    LbfgsResult rm = Lbfgs.defaults().minimize(mean, start);
    double errSum = Math.hypot(rs.x()[0] - 1, rs.x()[1] - 1);
    double errMean = Math.hypot(rm.x()[0] - 1, rm.x()[1] - 1);
    assertTrue(errMean > 10 * errSum, "sum error " + errSum + ", mean error " + errMean);
  }

  @Test
  void cubicStepStaysInsideTheBracket() {
    double a = StrongWolfeLineSearch.cubicStep(0, 1, -1, 1, 2, 3);
    assertTrue(a > 0.1 - 1e-12 && a < 0.9 + 1e-12, "step " + a);
    // For f(t) = (t − 0.3)², data at 0 and 1 pins the cubic to the parabola: minimum at 0.3.
    assertEquals(0.3, StrongWolfeLineSearch.cubicStep(0, 0.09, -0.6, 1, 0.49, 1.4), 1e-12);
  }
}
