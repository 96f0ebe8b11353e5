package org.scalinglab.fit;

import org.scalinglab.error.FitFailedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalinglab.data.Runs;
import org.scalinglab.law.ChinchillaLaw;

class Approach3FitTest {
  static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.8, 500, 1500, 0.35, 0.36);
  /** A coarse grid keeps the tests fast; the full 4,500-start grid is exercised by the benchmark. */
  static final StartGrid SMALL = StartGrid.grid(new double[] {0, 10, 20}, new double[] {0, 10, 20},
      new double[] {-1, 1}, new double[] {0, 1}, new double[] {0, 1});

  @Test
  void recoversAKnownLawFromNoisyRuns() {
    Runs runs = SyntheticRuns.scattered(TRUTH, 300, 5e7, 2e10, 5e9, 5e11, 0.005, 11);
    Approach3Result fit = Approach3Fit.builder().starts(SMALL).build().fit(runs);
    assertTrue(fit.converged(), fit.toString());
    assertEquals(TRUTH.e(), fit.E(), 0.05, fit.toString());
    assertEquals(TRUTH.alpha(), fit.alpha(), 0.03, fit.toString());
    assertEquals(TRUTH.beta(), fit.beta(), 0.03, fit.toString());
    assertEquals(TRUTH.paramsExponent(), fit.paramsExponent(), 0.03);
    // The fitted law predicts the compute-optimal model within 20% two decades beyond the data.
    double c = 1e24;
    assertEquals(1.0, fit.law().optimalParams(c) / TRUTH.optimalParams(c), 0.2);
  }

  @Test
  void recoversExactParametersFromNoiseFreeRuns() {
    Runs runs = SyntheticRuns.scattered(TRUTH, 100, 5e7, 2e10, 5e9, 5e11, 0, 3);
    Approach3Result fit = Approach3Fit.builder().starts(SMALL).build().fit(runs);
    assertEquals(TRUTH.e(), fit.E(), 1e-4);
    assertEquals(TRUTH.a(), fit.A(), 0.5);
    assertEquals(TRUTH.b(), fit.B(), 2);
    assertEquals(TRUTH.alpha(), fit.alpha(), 1e-4);
    assertEquals(TRUTH.beta(), fit.beta(), 1e-4);
    assertTrue(fit.objective() < 1e-12, "objective " + fit.objective());
  }

  @Test
  void answerDoesNotDependOnTheNumberOfThreads() {
    Runs runs = SyntheticRuns.scattered(TRUTH, 80, 5e7, 2e10, 5e9, 5e11, 0.01, 5);
    Approach3Result one = Approach3Fit.builder().starts(SMALL).threads(1).build().fit(runs);
    Approach3Result three = Approach3Fit.builder().starts(SMALL).threads(3).build().fit(runs);
    Approach3Result all = Approach3Fit.builder().starts(SMALL).build().fit(runs);
    assertEquals(one.objective(), three.objective(), 0.0);
    assertEquals(one.objective(), all.objective(), 0.0);
    assertEquals(one.alpha(), all.alpha(), 0.0);
    assertEquals(one.startsNearBest(), all.startsNearBest());
  }

  @Test
  void exclusionsDropTheRunsAskedFor() {
    Runs runs = SyntheticRuns.scattered(TRUTH, 50, 5e7, 2e10, 5e9, 5e11, 0.01, 5);
    Approach3Result fit = Approach3Fit.builder().starts(StartGrid.of(new double[] {6, 7, 0.5, 0.3, 0.3}))
        .excludeHighestLoss(3).excludeLowestCompute(2).exclude(r -> r.params() > 1.5e10).build().fit(runs);
    long big = runs.list().stream().filter(r -> r.params() > 1.5e10).count();
    assertEquals(50 - big - 3 - 2, fit.runs().size());
    assertTrue(fit.runs().list().stream().allMatch(r -> r.params() <= 1.5e10));
  }

  @Test
  void highestLossAndLowestComputeAreChosenInThatOrder() {
    Runs runs = SyntheticRuns.scattered(TRUTH, 30, 5e7, 2e10, 5e9, 5e11, 0.01, 9);
    Runs afterLoss = new Exclusions(r -> false, 4, 0).apply(runs);
    double[] losses = runs.loss().clone();
    java.util.Arrays.sort(losses);
    double fourthHighest = losses[losses.length - 4];
    assertTrue(afterLoss.list().stream().allMatch(r -> r.loss() < fourthHighest));
    Runs both = new Exclusions(r -> false, 4, 5).apply(runs);
    double[] c = afterLoss.compute().clone();
    java.util.Arrays.sort(c);
    assertEquals(21, both.size());
    assertTrue(both.list().stream().allMatch(r -> r.compute() > c[4]));
  }

  @Test
  void tooFewRunsIsABadInput() {
    Runs runs = SyntheticRuns.scattered(TRUTH, 4, 5e7, 2e10, 5e9, 5e11, 0.01, 5);
    FitFailedException ex = assertThrows(FitFailedException.class, () -> Approach3Fit.builder().starts(SMALL).build().fit(runs));
    assertTrue(ex.getMessage().contains("4 runs") && ex.getMessage().contains("5 parameters"), ex.getMessage());
  }

  @Test
  void fittedLawPlugsIntoTheLawLibrary() {
    Approach3Result r = new Approach3Result(Math.log(406.4), Math.log(410.7), Math.log(1.69), 0.34, 0.28, 0, true, 1, 1, 1,
        1e-3, SyntheticRuns.scattered(TRUTH, 5, 1e8, 1e9, 1e10, 1e11, 0, 1));
    assertEquals(ChinchillaLaw.HOFFMANN_2022.loss(280e9, 300e9), r.law().loss(280e9, 300e9), 1e-12);
    assertEquals(0.28 / 0.62, r.paramsExponent(), 1e-12);
  }

  @Test
  void hoffmannGridHas4500Starts() {
    StartGrid g = StartGrid.hoffmann();
    assertEquals(4500, g.size());
    assertEquals(0.0, g.get(0)[0]);
    assertEquals(-1.0, g.get(0)[2]);
    assertEquals(2.0, g.get(4499)[4]);
    assertEquals(25.0, g.get(4499)[0]);
  }
}
