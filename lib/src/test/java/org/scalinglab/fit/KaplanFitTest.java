package org.scalinglab.fit;

import org.scalinglab.error.FitFailedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalinglab.data.Runs;
import org.scalinglab.law.KaplanLaw;
import org.scalinglab.law.OffsetPowerLaw;

class KaplanFitTest {
  @Test
  void recoversKaplansPublishedJointLaw() {
    Runs runs = SyntheticRuns.scattered(KaplanLaw.KAPLAN_2020, 150, 1e6, 1e10, 1e8, 1e11, 0.005, 8);
    KaplanResult r = KaplanFit.builder().build().fit(runs);
    assertEquals(KaplanLaw.ALPHA_N, r.law().alphaN(), 0.005);
    assertEquals(KaplanLaw.ALPHA_D, r.law().alphaD(), 0.005);
    assertEquals(1.0, r.law().loss(1e9, 1e10) / KaplanLaw.KAPLAN_2020.loss(1e9, 1e10), 0.005);
  }

  @Test
  void recoversAnotherJointLawExactly() {
    KaplanLaw truth = new KaplanLaw(0.12, 3e12, 0.2, 1e12);
    KaplanResult r = KaplanFit.builder().build().fit(SyntheticRuns.scattered(truth, 60, 1e6, 1e10, 1e8, 1e11, 0, 2));
    assertEquals(truth.alphaN(), r.law().alphaN(), 1e-6);
    assertEquals(truth.alphaD(), r.law().alphaD(), 1e-6);
    assertEquals(1.0, r.law().nC() / truth.nC(), 1e-4);
    assertEquals(1.0, r.law().dC() / truth.dC(), 1e-4);
  }

  @Test
  void offsetPowerLawIsRecovered() {
    OffsetPowerLaw truth = new OffsetPowerLaw(1.7, 400, 0.34);
    double[] x = new double[30], y = new double[30];
    java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.pow(10, 6 + 5.0 * i / (x.length - 1));
      y[i] = truth.value(x[i]) * Math.exp(0.002 * (rng.nextDouble() - 0.5));
    }
    OffsetPowerLawFit f = OffsetPowerLawFit.fit(x, y);
    assertEquals(1.7, f.law().e(), 0.03);
    assertEquals(0.34, f.law().alpha(), 0.02);
  }

  @Test
  void tooFewPoints() {
    assertThrows(FitFailedException.class, () -> OffsetPowerLawFit.fit(new double[] {1, 2, 3}, new double[] {3, 2, 1}));
    Runs three = SyntheticRuns.scattered(KaplanLaw.KAPLAN_2020, 3, 1e6, 1e10, 1e8, 1e11, 0, 1);
    FitFailedException ex = assertThrows(FitFailedException.class, () -> KaplanFit.builder().build().fit(three));
    assertTrue(ex.getMessage().contains("3 runs at 3 distinct (N, D) (need ≥ 4)"), ex.getMessage());
  }
}
