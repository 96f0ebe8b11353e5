package org.scalinglab.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalinglab.data.Runs;
import org.scalinglab.error.BadInputException;
import org.scalinglab.fit.Approach2Fit;
import org.scalinglab.fit.Approach2Result;
import org.scalinglab.fit.Approach3Fit;
import org.scalinglab.fit.Approach3Result;
import org.scalinglab.law.ChinchillaLaw;

class TrainingOracleTest {

  @Test
  void sameSeedSameLossesAndEachQueryIsCharged() {
    TrainingOracle a = TrainingOracle.builder().seed(7).budget(1e18).build();
    TrainingOracle b = TrainingOracle.builder().seed(7).budget(1e18).build();
    double la = a.query(1e7, 1e9);
    assertEquals(la, b.query(1e7, 1e9));
    assertEquals(la, a.query(1e7, 1e9), "the same run asked twice gives the same loss");
    assertEquals(2 * 6e16, a.spent(), 1);
    assertEquals(1e18 - 1.2e17, a.remaining(), 1);
    assertEquals(2, a.runs().size());
    assertNotEquals(la, TrainingOracle.builder().seed(8).build().query(1e7, 1e9), "another seed, another law");
  }

  @Test
  void noiseIsAboutHalfAPercentAroundTheHiddenLaw() {
    TrainingOracle o = TrainingOracle.builder().seed(3).budget(1e30).build();
    ChinchillaLaw law = HiddenLaw.forSeed(3);
    double sum = 0, sum2 = 0;
    int k = 400;
    for (int i = 0; i < k; i++) {
      double n = 1e7 * Math.pow(1.01, i);
      double r = Math.log(o.query(n, 20 * n) / law.loss(n, 20 * n));
      sum += r;
      sum2 += r * r;
    }
    double sd = Math.sqrt(sum2 / k - (sum / k) * (sum / k));
    assertEquals(0.005, sd, 0.001);
    assertEquals(0, sum / k, 0.001);
  }

  @Test
  void overBudgetQueryIsRefusedWithoutCharge() {
    TrainingOracle o = TrainingOracle.builder().seed(1).budget(1e17).build();
    o.query(1e7, 1e9); // 6e16
    BudgetExceededException e = assertThrows(BudgetExceededException.class, () -> o.query(1e7, 1e9));
    assertTrue(e.getMessage().contains("over budget"), e.getMessage());
    assertTrue(e.getMessage().contains("4.000e+16") || e.getMessage().contains("4e+16"), e.getMessage());
    assertEquals(6e16, o.spent(), 1);
    assertThrows(BadInputException.class, () -> o.query(10, 1e9), "N out of range");
    assertThrows(BadInputException.class, () -> o.query(Double.NaN, 1e9));
    assertThrows(BadInputException.class, () -> TrainingOracle.builder().budget(-1));
  }

  @Test
  void hiddenLawsStayInTheirRanges() {
    for (long s = 0; s < 50; s++) {
      ChinchillaLaw l = HiddenLaw.forSeed(s);
      assertTrue(l.e() >= 1.6 && l.e() <= 1.9 && l.alpha() >= 0.30 && l.alpha() <= 0.38 && l.beta() >= 0.27 && l.beta() <= 0.35, l.toString());
    }
  }

  /** The homework's plan (5 IsoFLOP budgets × 9 sizes, 1.3e18 of 2e18 FLOPs) recovers the frontier within the stated tolerances. */
  @Test
  void theHomeworkPlanPredictsTheFrontierWithinTolerance() {
    for (long seed : new long[] {2, 14, 42}) { // 2: the worst loss error of seeds 1, 2, 3, 14, 42
      TrainingOracle o = TrainingOracle.builder().seed(seed).build();
      for (double c : new double[] {1e15, 3e15, 1e16, 3e16, 1e17}) {
        double n0 = Math.sqrt(c / 120);
        for (int i = 0; i < 9; i++) {
          double n = n0 * Math.pow(6, (i - 4) / 4.0);
          o.queryCompute(n, c);
        }
      }
      Runs runs = o.runs();
      Approach2Result a2 = Approach2Fit.builder().build().fit(runs);
      Approach3Result a3 = Approach3Fit.builder().build().fit(runs);
      ChinchillaLaw truth = HiddenLaw.forSeed(seed);
      double big = 1000 * o.budget();
      double nErr2 = a2.optimalParams(big) / truth.optimalParams(big);
      double nErr3 = a3.optimalParams(big) / truth.optimalParams(big);
      double lossErr = a3.law().optimalLoss(big) / truth.optimalLoss(big) - 1;
      System.out.printf("seed %d: spent %.3g; a2 %.3f a3 %.3f truth %.3f; N*(1000x) ratio A2 %.3f A3 %.3f; loss rel err %.4f%n",
          seed, o.spent(), a2.paramsExponent(), a3.paramsExponent(), truth.paramsExponent(), nErr2, nErr3, lossErr);
      assertTrue(Math.abs(Math.log(nErr3)) <= Math.log(HiddenLaw.PARAMS_FACTOR), "seed " + seed + ": N* off by " + nErr3);
      assertTrue(Math.abs(lossErr) <= HiddenLaw.LOSS_TOLERANCE, "seed " + seed + ": loss off by " + lossErr);
      assertEquals(truth.paramsExponent(), a2.paramsExponent(), 0.05, "Approach 2's a");
    }
  }
}
