package org.scalinglab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalinglab.data.Run;
import org.scalinglab.data.Runs;
import org.scalinglab.law.ChinchillaLaw;

class HuberLogObjectiveTest {
  static final Runs RUNS = SyntheticRuns.scattered(ChinchillaLaw.HOFFMANN_2022, 60, 1e7, 1e10, 1e9, 1e12, 0.02, 7);

  @Test
  void gradientMatchesCentralFiniteDifferences() {
    for (double delta : new double[] {1e-3, 0.1, 10}) { // mostly linear, mixed, mostly quadratic Huber
      HuberLogObjective f = HuberLogObjective.of(RUNS, delta);
      // the last point overflows exp(a − α log N): it exercises the shifted (overflow-safe) path
      double[][] points = {{6.0, 6.0, 0.5, 0.34, 0.28}, {2.0, 9.0, -0.5, 0.1, 0.5}, {15, 3, 0.2, 1.0, 0.2},
          {800, 5, 0.5, 0.01, 0.3}};
      for (double[] theta : points) {
        double[] g = new double[5];
        f.valueAndGradient(theta, g);
        for (int j = 0; j < 5; j++) {
          double h = 1e-6 * Math.max(1, Math.abs(theta[j]));
          double[] up = theta.clone(), down = theta.clone();
          up[j] += h;
          down[j] -= h;
          double fd = (f.value(up) - f.value(down)) / (2 * h);
          assertEquals(fd, g[j], 1e-6 * Math.max(1, Math.abs(fd)), "delta " + delta + ", coordinate " + j);
        }
      }
    }
  }

  @Test
  void valueIsTheSumOfHuberLossesOfLogResiduals() {
    Runs two = Runs.of(List.of(Run.of(1e8, 1e10, 3.0), Run.of(1e9, 1e11, 2.5)));
    ChinchillaLaw law = ChinchillaLaw.HOFFMANN_2022;
    double[] theta = {Math.log(law.a()), Math.log(law.b()), Math.log(law.e()), law.alpha(), law.beta()};
    double delta = 1e-3, expected = 0;
    for (Run r : two) {
      double res = Math.log(law.loss(r.params(), r.tokens())) - Math.log(r.loss());
      expected += Math.abs(res) <= delta ? 0.5 * res * res : delta * (Math.abs(res) - 0.5 * delta);
    }
    HuberLogObjective f = HuberLogObjective.of(two, delta);
    assertEquals(expected, f.value(theta), 1e-15);
    assertEquals(Math.log(law.loss(1e8, 1e10)) - Math.log(3.0), f.residual(theta, 0), 1e-14);
  }

  /**
   * The straightforward sum, one exp per term and one log per run, as the reference for the fast
   * paths; g[0..4] gets the gradient and, when g has 10 places, g[5..9] the sums of its terms' sizes.
   */
  static double reference(Runs runs, double delta, double[] t, double[] g) {
    double f = 0;
    java.util.Arrays.fill(g, 0);
    for (Run r : runs) {
      double u1 = Math.exp(t[0] - t[3] * Math.log(r.params())), u2 = Math.exp(t[1] - t[4] * Math.log(r.tokens()));
      double u3 = Math.exp(t[2]), sum = u1 + u2 + u3;
      double res = Math.log(sum) - Math.log(r.loss());
      f += Math.abs(res) <= delta ? 0.5 * res * res : delta * (Math.abs(res) - 0.5 * delta);
      double h = Math.max(-delta, Math.min(delta, res)) / sum;
      g[0] += h * u1;
      g[1] += h * u2;
      g[2] += h * u3;
      g[3] -= h * u1 * Math.log(r.params());
      g[4] -= h * u2 * Math.log(r.tokens());
      if (g.length == 10) {
        g[5] += Math.abs(h * u1);
        g[6] += Math.abs(h * u2);
        g[7] += Math.abs(h * u3);
        g[8] += Math.abs(h * u1 * Math.log(r.params()));
        g[9] += Math.abs(h * u2 * Math.log(r.tokens()));
      }
    }
    return f;
  }

  @Test
  void everyPathAgreesWithTheStraightforwardSum() {
    // near the optimum (some runs within ±δ), far from it, with a term that underflows (argument
    // below −600: the overflow-safe path), and for δ above 0.01 (one log per run)
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (double delta : new double[] {1e-3, 0.01, 0.5}) {
      HuberLogObjective f = HuberLogObjective.of(RUNS, delta);
      double[] best = thetaOf(ChinchillaLaw.HOFFMANN_2022);
      for (int k = 0; k < 200; k++) {
        double[] t = best.clone();
        double scale = k < 100 ? 1e-3 : 1.0;
        for (int j = 0; j < 5; j++) t[j] += scale * random.nextDouble(-1, 1);
        if (k == 199) t[3] = 40; // a·N^−40: exp(a − 40·log N) < e^−600
        double[] g = new double[5], gRef = new double[10];
        double v = f.valueAndGradient(t, g), vRef = reference(RUNS, delta, t, gRef);
        assertEquals(vRef, v, 1e-13 * Math.abs(vRef), "delta " + delta + ", point " + k);
        for (int j = 0; j < 5; j++) { // a gradient is a sum with cancellation: measured against its largest term
          assertEquals(gRef[j], g[j], 1e-12 * gRef[5 + j], "delta " + delta + ", point " + k + ", coordinate " + j);
        }
      }
    }
  }

  @Test
  void manyRunsFarFromTheLawStayInRange() {
    // 3,000 runs, all ≈0.5 nats off: the product of their e^|r| is e^1500, beyond the doubles
    Runs many = SyntheticRuns.scattered(ChinchillaLaw.HOFFMANN_2022, 3000, 1e7, 1e10, 1e9, 1e12, 0.02, 9);
    double[] t = thetaOf(ChinchillaLaw.HOFFMANN_2022);
    t[HuberLogObjective.E] += 0.9;
    double[] g = new double[5], gRef = new double[10];
    double v = HuberLogObjective.of(many, 1e-3).valueAndGradient(t, g), vRef = reference(many, 1e-3, t, gRef);
    assertEquals(vRef, v, 1e-12 * vRef);
    for (int j = 0; j < 5; j++) assertEquals(gRef[j], g[j], 1e-12 * gRef[5 + j]);
  }

  @Test
  void lossesFarFromOneTakeTheOneLogPerRunPath() {
    Runs tiny = Runs.of(List.of(Run.of(1e8, 1e10, 3e-45), Run.of(1e9, 1e11, 2.5e-45), Run.of(3e8, 1e12, 2e-45)));
    double[] t = {Math.log(1e-42), Math.log(1e-42), Math.log(1e-45), 0.3, 0.3};
    double[] g = new double[5], gRef = new double[5];
    double v = HuberLogObjective.of(tiny, 1e-3).valueAndGradient(t, g);
    assertEquals(reference(tiny, 1e-3, t, gRef), v, 1e-12);
    for (int j = 0; j < 5; j++) assertEquals(gRef[j], g[j], 1e-9 * Math.max(1e-3, Math.abs(gRef[j])));
  }

  private static double[] thetaOf(ChinchillaLaw law) {
    return HuberLogObjective.thetaOf(law);
  }

  @Test
  void staysFiniteForWildParameters() {
    HuberLogObjective f = HuberLogObjective.of(RUNS, 1e-3);
    double[] g = new double[5];
    double v = f.valueAndGradient(new double[] {800, -900, 750, -3, 0}, g);
    assertEquals(true, Double.isFinite(v));
    for (double gi : g) assertEquals(true, Double.isFinite(gi));
    v = f.valueAndGradient(new double[] {-800, -900, -750, 3, 3}, g);
    assertEquals(true, Double.isFinite(v));
  }

  @Test
  void logSumExpIsStable() {
    assertEquals(1000 + Math.log(3), HuberLogObjective.logSumExp(1000, 1000, 1000), 1e-12);
    assertEquals(-1000 + Math.log(3), HuberLogObjective.logSumExp(-1000, -1000, -1000), 1e-12);
  }

  @Test
  void rejectsABadDelta() {
    assertThrows(IllegalArgumentException.class, () -> HuberLogObjective.of(RUNS, 0));
  }
}
