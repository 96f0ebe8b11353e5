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
