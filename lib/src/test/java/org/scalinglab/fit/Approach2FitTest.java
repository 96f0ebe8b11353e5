package org.scalinglab.fit;

import org.scalinglab.error.FitFailedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalinglab.data.Run;
import org.scalinglab.data.Runs;
import org.scalinglab.data.RunsFile;
import org.scalinglab.law.ChinchillaLaw;

class Approach2FitTest {
  static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.8, 500, 1500, 0.35, 0.36);
  static final double[] BUDGETS = {1e18, 3e18, 1e19, 3e19, 1e20, 3e20, 1e21};

  private static Runs isoFlop(double noise, long seed) {
    double[] centers = new double[BUDGETS.length];
    for (int k = 0; k < BUDGETS.length; k++) centers[k] = TRUTH.optimalParams(BUDGETS[k]);
    return SyntheticRuns.isoFlop(TRUTH, BUDGETS, centers, 9, 6, noise, seed);
  }

  @Test
  void recoversTheExponentsOfAKnownLaw() {
    Approach2Result r = Approach2Fit.builder().build().fit(isoFlop(0.003, 4));
    assertEquals(BUDGETS.length, r.profiles().size(), r.skipped().toString());
    assertEquals(TRUTH.paramsExponent(), r.paramsExponent(), 0.03);
    assertEquals(TRUTH.tokensExponent(), r.tokensExponent(), 0.03);
    assertEquals(1.0, r.paramsExponent() + r.tokensExponent(), 1e-9); // C = 6ND ties a + b = 1
    // Each profile's minimum lands near the true compute-optimal N.
    for (IsoFlopProfile p : r.profiles()) {
      assertEquals(1.0, p.optimalParams() / TRUTH.optimalParams(p.budget()), 0.25, p.toString());
    }
  }

  @Test
  void noiseFreeProfilesGiveTheExponentClosely() {
    Approach2Result r = Approach2Fit.builder().build().fit(isoFlop(0, 1));
    // The parabola in log N is only a local approximation of the law: small bias remains.
    assertEquals(TRUTH.paramsExponent(), r.paramsExponent(), 0.01);
  }

  @Test
  void allThreeGroupingsFindTheBudgets() {
    Runs runs = isoFlop(0.003, 4);
    for (ComputeGrouping g : List.of(ComputeGrouping.defaults(), ComputeGrouping.roundLog10(0.1),
        ComputeGrouping.nearest(0.05, BUDGETS))) {
      assertEquals(BUDGETS.length, Approach2Fit.builder().grouping(g).build().fit(runs).profiles().size(), g.describe());
    }
  }

  @Test
  void groupingToleratesReadOffErrorInTheBudgets() {
    // Jitter each run's compute by up to ±8% (0.033 dex): the modes still separate the budgets.
    Runs exact = isoFlop(0.003, 4);
    List<Run> jittered = new ArrayList<>();
    java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
    for (Run r : exact) {
      double c = r.compute() * Math.pow(10, 0.066 * (rng.nextDouble() - 0.5));
      jittered.add(Run.fromCompute(r.params(), c, r.loss()));
    }
    Approach2Result r = Approach2Fit.builder().build().fit(Runs.of(jittered));
    assertEquals(BUDGETS.length, r.profiles().size());
    assertEquals(TRUTH.paramsExponent(), r.paramsExponent(), 0.04);
  }

  @Test
  void digitizedChinchillaGivesHoffmannsApproach2Exponents() {
    Runs runs = RunsFile.read(Path.of("../data/chinchilla_epoch_digitized.csv"));
    Approach2Result r = Approach2Fit.builder().build().fit(runs);
    // Hoffmann et al. 2022, Table 2, Approach 2: a = 0.49, b = 0.51.
    assertEquals(0.49, r.paramsExponent(), 0.02);
    assertEquals(0.51, r.tokensExponent(), 0.02);
  }

  @Test
  void tooFewProfilesIsABadInput() {
    Runs runs = SyntheticRuns.isoFlop(TRUTH, new double[] {1e19, 1e20}, new double[] {5e8, 1.5e9}, 7, 5, 0, 1);
    FitFailedException ex = assertThrows(FitFailedException.class, () -> Approach2Fit.builder().build().fit(runs));
    assertTrue(ex.getMessage().contains("at least 3 IsoFLOP profiles"), ex.getMessage());
  }

  @Test
  void aProfileWhoseMinimumIsOutsideItsRunsIsSkipped() {
    // Runs at one budget all far above the optimal N: the parabola's vertex is extrapolated.
    double[] b = {1e18, 1e19, 1e20, 1e21};
    double[] centers = new double[b.length];
    for (int k = 0; k < b.length; k++) centers[k] = TRUTH.optimalParams(b[k]);
    centers[3] *= 30;
    Approach2Result r = Approach2Fit.builder().build().fit(SyntheticRuns.isoFlop(TRUTH, b, centers, 7, 3, 0, 1));
    assertEquals(3, r.profiles().size());
    assertEquals(1, r.skipped().size());
    assertTrue(r.skipped().get(0).contains("outside"), r.skipped().toString());
  }
}
