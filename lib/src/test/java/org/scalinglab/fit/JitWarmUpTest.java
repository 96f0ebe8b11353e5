package org.scalinglab.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.scalinglab.data.Runs;

class JitWarmUpTest {
  @Test
  void aFitGivesTheSameLawWhileTheWarmUpRunsAndStopsIt() throws InterruptedException {
    Runs runs = SyntheticRuns.scattered(Approach3FitTest.TRUTH, 120, 5e7, 2e10, 5e9, 5e11, 0.01, 5);
    Approach3Fit fit = Approach3Fit.builder().starts(Approach3FitTest.SMALL).build();
    Approach3Result alone = fit.fit(runs);
    JitWarmUp.startInBackground();
    Approach3Result during = fit.fit(runs);
    Thread warmUp = JitWarmUp.thread();
    warmUp.join(10_000);
    assertFalse(warmUp.isAlive(), "the warm-up did not stop when the fit began");
    assertArrayEquals(new double[] {alone.E(), alone.A(), alone.B(), alone.alpha(), alone.beta()},
        new double[] {during.E(), during.A(), during.B(), during.alpha(), during.beta()}, 0.0);
  }
}
