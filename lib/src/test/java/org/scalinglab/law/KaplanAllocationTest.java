package org.scalinglab.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.scalinglab.units.PfDays;

class KaplanAllocationTest {
  private final KaplanAllocation k = KaplanAllocation.KAPLAN_2020;

  @Test
  void hundredTimesTheComputeGivesTheLectureFactors() {
    assertEquals(28.8, k.paramsGrowth(100), 0.05);
    assertEquals(3.47, k.tokensGrowth(100), 0.005);
    assertEquals(0.27, k.tokensExponent(), 1e-12);
    assertEquals(Math.pow(100, 0.24), k.batchGrowth(100), 1e-12);
    assertEquals(Math.pow(100, 0.03), k.stepsGrowth(100), 1e-12);
  }

  @Test
  void figure14Normalisation() {
    assertEquals(1.3e9, k.optimalParams(PfDays.toFlops(1)), 1);
    double c = 1e23;
    assertEquals(c, 6 * k.optimalParams(c) * k.optimalTokens(c), 1e-9 * c);
  }

  @Test
  void exponentsFromTheLawExponents() {
    double ac = KaplanAllocation.alphaCMin(0.76, 0.21, 0.076);
    assertEquals(1 / (1 / 0.76 + 1 / 0.21 + 1 / 0.076), ac, 1e-15);
    assertEquals(0.052, ac, 5e-4);
    KaplanAllocation derived = KaplanAllocation.fromLawExponents(0.76, 0.21, 0.076);
    assertEquals(0.68, derived.nExponent(), 0.01);
    assertEquals(0.25, derived.batchExponent(), 0.01);
    assertEquals(0.07, derived.stepsExponent(), 0.01);
  }

  @Test
  void rejectsBadBudgets() {
    assertThrows(IllegalArgumentException.class, () -> k.optimalParams(0));
    assertThrows(IllegalArgumentException.class, () -> k.optimalParams(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> k.paramsGrowth(-1));
  }
}
