package org.scalinglab.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalinglab.compute.ComputeOptimum;

class ChinchillaExtrasTest {
  private final ChinchillaLaw law = ChinchillaLaw.HOFFMANN_2022;

  @Test
  void gopherAndChinchillaPredictions() {
    assertEquals(1.993, law.loss(280e9, 300e9), 1e-3);
    assertEquals(1.936, law.loss(70e9, 1.4e12), 1e-3);
  }

  @Test
  void closedFormMatchesNumericOptimum() {
    for (double c : new double[] {1e18, 1e21, 5.76e23, 1e25, 1e27}) {
      ComputeOptimum closed = ComputeOptimum.closedForm(law, c);
      ComputeOptimum numeric = ComputeOptimum.of(law, c);
      assertEquals(closed.params(), numeric.params(), 1e-5 * closed.params(), "C = " + c);
      assertEquals(closed.loss(), numeric.loss(), 1e-12);
      assertEquals(closed.tokensPerParam(), law.tokensPerParam(c), 1e-9 * closed.tokensPerParam());
    }
  }

  @Test
  void optimumIsAMinimumAlongTheBudgetLine() {
    double c = 1e23, n = law.optimalParams(c);
    for (double f : new double[] {0.5, 0.9, 1.1, 2}) {
      assertTrue(law.loss(f * n, c / (6 * f * n)) > law.optimalLoss(c));
    }
  }

  @Test
  void tokensPerParamGrowsSlowlyWithCompute() {
    // D*/N* ∝ C^(b − a) with b − a = (α − β)/(α + β) = 0.06/0.62
    double ratio = law.tokensPerParam(1e25) / law.tokensPerParam(1e23);
    assertEquals(Math.pow(100, 0.06 / 0.62), ratio, 1e-9);
  }

  @Test
  void approachesTable() {
    assertEquals(0.50, ChinchillaApproach.APPROACH_1.a());
    assertEquals(0.49, ChinchillaApproach.APPROACH_2.a());
    assertEquals(0.46, ChinchillaApproach.APPROACH_3.a());
    assertEquals(0.73, ChinchillaApproach.KAPLAN_2020.a());
    for (ChinchillaApproach ap : ChinchillaApproach.values()) assertEquals(1.0, ap.a() + ap.b(), 1e-12, ap.label());
    assertEquals(10.0, ChinchillaApproach.APPROACH_1.paramsGrowth(100), 1e-9);
    // the law's own exponent a = β/(α+β) ≈ 0.45 is close to Approach 3's 0.46
    assertEquals(ChinchillaApproach.APPROACH_3.a(), law.paramsExponent(), 0.01);
  }

  @Test
  void twentyTokensPerParameterRule() {
    TokensPerParamRule r = TokensPerParamRule.CHINCHILLA_20;
    double c = 6 * 70e9 * 1.4e12;
    assertEquals(70e9, r.optimalParams(c), 1e-3 * 70e9);
    assertEquals(20, r.tokensPerParam(c), 1e-9);
  }

  @Test
  void publishedLawsByName() {
    assertEquals(law, PublishedLaws.byName("Chinchilla"));
    assertEquals(KaplanLaw.KAPLAN_2020, PublishedLaws.byName("kaplan"));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> PublishedLaws.byName("foo"));
    assertTrue(e.getMessage().contains("chinchilla"));
  }
}
