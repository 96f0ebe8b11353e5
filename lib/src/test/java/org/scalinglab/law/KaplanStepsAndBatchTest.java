package org.scalinglab.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KaplanStepsAndBatchTest {
  private final KaplanStepsLaw steps = KaplanStepsLaw.KAPLAN_2020;
  private final CriticalBatchSize bcrit = CriticalBatchSize.KAPLAN_2020;

  @Test
  void stepsLawPublishedConstantsAndInverse() {
    assertEquals(0.76, steps.alphaS());
    assertEquals(2.1e3, steps.sC());
    assertEquals(steps.convergedLoss(1e9) + 1.0, steps.loss(1e9, 2.1e3), 1e-12);
    for (double s : new double[] {1e3, 1e5}) assertEquals(s, steps.stepsFor(1e8, steps.loss(1e8, s)), 1e-6 * s);
    assertThrows(IllegalArgumentException.class, () -> steps.stepsFor(1e8, steps.convergedLoss(1e8)));
  }

  @Test
  void largerModelsAreMoreSampleEfficient() {
    double target = 3.2;
    assertTrue(steps.stepsFor(1e9, target) < steps.stepsFor(1e8, target));
    for (double s = 1e3; s < 1e6; s *= 10) assertTrue(steps.loss(1e9, s) < steps.loss(1e8, s));
  }

  @Test
  void criticalBatchSize() {
    assertEquals(2e8, bcrit.tokens(1.0), 1e-6);
    // Eq. 1.4: halving... at L = 3 nats, B_crit = 2e8 / 3^(1/0.21)
    assertEquals(2e8 / Math.pow(3, 1 / 0.21), bcrit.tokens(3), 1e-6);
    assertEquals(3.0, bcrit.lossAt(bcrit.tokens(3.0)), 1e-12);
    // lower loss → larger critical batch
    assertTrue(bcrit.tokens(2.0) > bcrit.tokens(4.0));
  }

  @Test
  void minimumStepsAndCompute() {
    double l = 3.0, b = bcrit.tokens(l);
    // at B = B_crit both are halved (Eqs. 5.4, 5.5)
    assertEquals(500, bcrit.minSteps(1000, b, l), 1e-9);
    assertEquals(500, bcrit.minCompute(1000, b, l), 1e-9);
    assertTrue(bcrit.minCompute(1000, b / 100, l) > 990);
  }
}
