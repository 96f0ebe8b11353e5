package org.scalinglab.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalinglab.compute.ComputeOptimum;

class KaplanLawTest {
  private final KaplanLaw law = KaplanLaw.KAPLAN_2020;

  @Test
  void publishedConstants() {
    assertEquals(0.076, law.alphaN());
    assertEquals(8.8e13, law.nC());
    assertEquals(0.095, law.alphaD());
    assertEquals(5.4e13, law.dC());
    // at N = N_c the parameter law is 1 nat; one decade more parameters divides it by 10^0.076
    assertEquals(1.0, law.lossOfParams(8.8e13), 1e-12);
    assertEquals(Math.pow(10, -0.076), law.lossOfParams(1e9) / law.lossOfParams(1e8), 1e-12);
    // Eq. 1.1 at 1.5B parameters (GPT-2 scale): (8.8e13/1.5e9)^0.076 ≈ 2.30
    assertEquals(2.3036, law.lossOfParams(1.5e9), 1e-3);
  }

  @Test
  void jointLawReducesToTheSingleLawsInTheLimits() {
    assertEquals(law.lossOfParams(1e9), law.loss(1e9, 1e30), 1e-6);
    assertEquals(law.lossOfTokens(1e10), law.loss(1e30, 1e10), 1e-6);
  }

  @Test
  void lossFallsWithParametersAndTokens() {
    for (double n = 1e6; n < 1e12; n *= 10) assertTrue(law.loss(10 * n, 1e10) < law.loss(n, 1e10));
    for (double d = 1e7; d < 1e13; d *= 10) assertTrue(law.loss(1e9, 10 * d) < law.loss(1e9, d));
  }

  @Test
  void tokensForInvertsTheJointLaw() {
    for (double n : new double[] {1e7, 1e9, 1e11}) {
      double d = 3e10;
      assertEquals(d, law.tokensFor(n, law.loss(n, d)), 1e-6 * d);
    }
    assertThrows(IllegalArgumentException.class, () -> law.tokensFor(1e9, law.lossOfParams(1e9)));
  }

  @Test
  void largerModelsNeedFewerTokensForTheSameLoss() {
    double target = 3.0;
    assertTrue(law.tokensFor(1e9, target) < law.tokensFor(1e8, target));
  }

  @Test
  void closedFormOptimumUnderSixNDMatchesNumeric() {
    for (double c : new double[] {1e19, 1e21, 5.76e23, 1e26}) {
      double closed = law.optimalParamsUnderSixND(c);
      double numeric = ComputeOptimum.of(law, c).params();
      assertEquals(closed, numeric, 1e-5 * closed, "C = " + c);
    }
    // N* ∝ C^(1/(1 + α_N/α_D)) = C^(1/1.8)
    double slope = Math.log(law.optimalParamsUnderSixND(1e24) / law.optimalParamsUnderSixND(1e22)) / Math.log(100);
    assertEquals(1 / 1.8, slope, 1e-12);
  }

  @Test
  void computeFrontier() {
    assertEquals(1.0, KaplanLaw.computeLaw().value(3.1e8), 1e-12);
    // one PF-day of compute: (3.1e8)^0.05 ≈ 2.66
    assertEquals(Math.pow(3.1e8, 0.05), KaplanLaw.lossOfMinCompute(8.64e19), 1e-9);
  }

  @Test
  void overfittingRule() {
    assertEquals(5e3 * Math.pow(1e9, 0.74), KaplanLaw.tokensToAvoidOverfitting(1e9), 1);
  }
}
