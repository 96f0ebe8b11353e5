package org.scalinglab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.scalinglab.error.FitFailedException;

class CriticalBatchFitTest {
  @Test
  void recoversTheTradeOffFromExactPoints() {
    double sMin = 300, bCrit = 24;
    double[] b = {2, 4, 8, 16, 32, 64, 128}, s = new double[b.length];
    for (int i = 0; i < b.length; i++) s[i] = sMin * (1 + bCrit / b[i]);
    CriticalBatchFit f = CriticalBatchFit.fit(b, s);
    assertEquals(sMin, f.minSteps(), 1e-9);
    assertEquals(bCrit, f.criticalBatch(), 1e-9);
    assertEquals(sMin * bCrit, f.minExamples(), 1e-6);
    assertEquals(2 * sMin, f.steps(bCrit), 1e-9);
    assertEquals(2 * f.minExamples(), f.examples(bCrit), 1e-6);
    // the McCandlish identity (S/S_min − 1)(E/E_min − 1) = 1 at every batch
    for (double x : b) assertEquals(1, (f.steps(x) / sMin - 1) * (f.examples(x) / f.minExamples() - 1), 1e-9);
  }

  @Test
  void toleratesNoiseAndRefusesStepsThatDoNotFall() {
    double[] b = {4, 8, 16, 32, 64}, s = {400 * 1.03, 250 * 0.98, 175 * 1.02, 137.5 * 0.99, 118.75 * 1.01};
    CriticalBatchFit f = CriticalBatchFit.fit(b, s); // truth: S_min = 100, B_crit = 12
    assertEquals(12, f.criticalBatch(), 2);
    assertThrows(FitFailedException.class, () -> CriticalBatchFit.fit(new double[] {4, 8, 16}, new double[] {100, 200, 400}));
    assertThrows(IllegalArgumentException.class, () -> CriticalBatchFit.fit(new double[] {4, -8, 16}, new double[] {100, 200, 400}));
  }
}
