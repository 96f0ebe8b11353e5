package org.scalinglab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalinglab.data.Run;
import org.scalinglab.data.Runs;
import org.scalinglab.law.ChinchillaLaw;

/** ExtrapolationStudy, FitSensitivity and AllocationBias: the computations of notebook 12. */
class CaveatsTest {
  static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.8, 500, 1500, 0.35, 0.36);
  static final Approach3Fit FIT = Approach3Fit.builder().starts(Approach3FitTest.SMALL).build();

  @Test
  void exactRunsExtrapolateWithoutErrorAndNoisyOnesGrowWithDistance() {
    Runs exact = SyntheticRuns.scattered(TRUTH, 200, 1e7, 1e11, 1e8, 1e12, 0, 3);
    ExtrapolationStudy s = ExtrapolationStudy.run(FIT, exact, 1e19, 1, 1);
    for (double e : s.meanErrors()) assertTrue(e < 1e-4, "exact runs: error " + e);
    assertTrue(s.fit().runs().list().stream().allMatch(r -> r.compute() <= 1e19));
    int heldOut = s.bins().stream().mapToInt(ExtrapolationStudy.Bin::runs).sum();
    assertEquals(exact.filter(r -> r.compute() > 1e19).size(), heldOut, "every held-out run is in a bin (minRuns 1)");
    assertEquals(s.bins().size(), s.toTable().rowCount());
  }

  @Test
  void binsBelowTheMinimumAreLeftOutAndBadArgumentsRefused() {
    Runs runs = SyntheticRuns.scattered(TRUTH, 120, 1e7, 1e10, 1e8, 1e11, 0.01, 4);
    ExtrapolationStudy s = ExtrapolationStudy.run(FIT, runs, 1e17, 0.5, 15);
    assertTrue(s.bins().stream().allMatch(b -> b.runs() >= 15));
    assertThrows(IllegalArgumentException.class, () -> ExtrapolationStudy.run(FIT, runs, 0, 0.5, 1));
    assertThrows(IllegalArgumentException.class, () -> ExtrapolationStudy.run(FIT, runs, 1e17, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> ExtrapolationStudy.run(FIT, runs, 1e30, 0.5, 1));
  }

  @Test
  void bootstrapWidthsShrinkWithMoreRuns() {
    List<FitSensitivity.Widths> w = FitSensitivity.bootstrapWidths(FIT, TRUTH, new int[] {40, 160}, 1e7, 1e10, 1e8, 1e11, 0.02, 30, 5);
    assertEquals(40, w.get(0).runs());
    assertTrue(w.get(1).alpha() < w.get(0).alpha(), w.toString());
    assertTrue(w.get(1).beta() < w.get(0).beta(), w.toString());
    assertEquals(2, FitSensitivity.widthsTable(w).rowCount());
    assertThrows(IllegalArgumentException.class,
        () -> FitSensitivity.bootstrapWidths(FIT, TRUTH, new int[] {5}, 1e7, 1e10, 1e8, 1e11, 0.02, 30, 5));
  }

  @Test
  void perturbationIsSeededRelativeAndZeroNoiseChangesNothing() {
    Runs runs = SyntheticRuns.scattered(TRUTH, 50, 1e7, 1e10, 1e8, 1e11, 0.01, 6);
    Runs same = FitSensitivity.perturb(runs, 0, 1);
    for (int i = 0; i < runs.size(); i++) {
      assertEquals(runs.get(i).params(), same.get(i).params(), 1e-6 * runs.get(i).params());
      assertEquals(runs.get(i).loss(), same.get(i).loss(), 1e-12);
    }
    Runs a = FitSensitivity.perturb(runs, 0.01, 9), b = FitSensitivity.perturb(runs, 0.01, 9);
    double maxRel = 0;
    for (int i = 0; i < runs.size(); i++) {
      Run r = a.get(i);
      assertEquals(r, b.get(i));
      assertEquals(r.compute(), 6 * r.params() * r.tokens(), 1e-6 * r.compute());
      maxRel = Math.max(maxRel, Math.abs(Math.log(r.loss() / runs.get(i).loss())));
    }
    assertTrue(maxRel > 0.001 && maxRel < 0.05, "1% noise moved a loss by " + maxRel);
    assertThrows(IllegalArgumentException.class, () -> FitSensitivity.perturb(runs, -0.1, 1));
  }

  @Test
  void perturbedRefitsSpreadWithTheNoise() {
    Runs runs = SyntheticRuns.scattered(TRUTH, 120, 1e7, 1e10, 1e8, 1e11, 0.005, 8);
    Approach3Result full = FIT.fit(runs);
    List<Approach3Result> small = FitSensitivity.perturbedRefits(FIT, full, runs, 0.001, 6, 1);
    List<Approach3Result> large = FitSensitivity.perturbedRefits(FIT, full, runs, 0.02, 6, 1);
    assertEquals(6, small.size());
    assertTrue(FitSensitivity.paramsExponentSd(small) < FitSensitivity.paramsExponentSd(large));
    assertTrue(FitSensitivity.range(large, 0) > 0);
    assertEquals(4, FitSensitivity.spread("x", large).rowCount());
  }

  @Test
  void countingAllParametersGivesTheLawsExponentAndNonEmbeddingAHigherOneAtSmallBudgets() {
    AllocationBias.Frontier total = AllocationBias.totalOptimum(TRUTH, 1e15, 1e19, 7);
    assertEquals(TRUTH.paramsExponent(), total.exponent(), 1e-4);
    for (int i = 0; i < total.compute().length; i++) {
      assertEquals(TRUTH.optimalParams(total.compute()[i]), total.params()[i], 1e-4 * total.params()[i]);
    }
    AllocationBias.ModelShape shape = AllocationBias.ModelShape.CHINCHILLA_LIKE;
    assertTrue(AllocationBias.nonEmbeddingOptimum(TRUTH, shape, 1e15, 1e19, 7).exponent() > TRUTH.paramsExponent() + 0.15);
    assertEquals(TRUTH.paramsExponent(), AllocationBias.nonEmbeddingOptimum(TRUTH, shape, 1e22, 1e25, 7).exponent(), 0.02);
    // N_ne = 12 d³ / aspect: d = 1024 at aspect 128 is 12·1024³/128 parameters
    double nne = 12 * Math.pow(1024, 3) / 128;
    assertEquals((32_000 + 2048) * 1024, shape.embedding(nne), 1e-6 * nne);
  }

  @Test
  void aFixedScheduleLowersApproach2sExponentAndMatchedOnesRecoverIt() {
    double[] budgets = {1e18, 1e19, 1e20, 1e21};
    double matched = AllocationBias.fixedScheduleFit(TRUTH, 2e11, 0, budgets, 9, 8).paramsExponent();
    assertEquals(TRUTH.paramsExponent(), matched, 2e-3);
    assertTrue(AllocationBias.fixedScheduleFit(TRUTH, 2e11, 0.2, budgets, 9, 8).paramsExponent() < matched - 0.03);
  }
}
