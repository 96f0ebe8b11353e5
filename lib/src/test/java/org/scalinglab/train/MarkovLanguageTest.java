package org.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarkovLanguageTest {
  final MarkovLanguage lang = new MarkovLanguage(8, 2, 3, 1.0, 1L);

  @Test
  void stationaryDistributionIsStationaryAndSumsToOne() {
    double sum = 0;
    double[] next = new double[lang.states()];
    for (int s = 0; s < lang.states(); s++) {
      sum += lang.stationary(s);
      for (int x = 0; x < 8; x++) next[(s * 8 + x) % lang.states()] += lang.stationary(s) * lang.probability(s, x);
    }
    assertEquals(1.0, sum, 1e-12);
    for (int s = 0; s < lang.states(); s++) assertEquals(lang.stationary(s), next[s], 1e-10);
  }

  @Test
  void crossEntropyIsEntropyPlusKlAndTheTruthAttainsTheEntropy() {
    assertEquals(lang.entropyRate(), lang.crossEntropy(lang::trueDistribution), 1e-12);
    double[] uniform = new double[8];
    java.util.Arrays.fill(uniform, 1.0 / 8);
    assertEquals(Math.log(8), lang.crossEntropy(s -> uniform), 1e-12);
    assertTrue(lang.klDivergence(s -> uniform) > 0);
    // a three-successor Zipf(1) law has entropy between 0 and ln 3
    assertTrue(lang.entropyRate() > 0.5 && lang.entropyRate() < Math.log(3));
  }

  @Test
  void sampledLossOfTheTrueModelMatchesTheWindowFloor() {
    int B = 64, T = 16;
    int[] in = new int[B * T], tg = new int[B * T];
    double sum = 0;
    int n = 0;
    for (int i = 0; i < 40; i++) {
      lang.evalBatch(1L, i, B, T, in, tg);
      for (int b = 0; b < B; b++) {
        for (int t = 1; t < T; t++) { // from t = 1 the true state (two inputs) is known
          int state = in[b * T + t - 1] * 8 + in[b * T + t];
          sum -= Math.log(lang.probability(state, tg[b * T + t]));
          n++;
        }
      }
    }
    assertEquals(lang.entropyRate(), sum / n, 0.02);
    assertTrue(lang.bestWindowLoss(16) > lang.entropyRate());
  }

  @Test
  void batchesArePureFunctionsOfSeedAndStep() {
    int[] a = new int[64], b = new int[64], ta = new int[64], tb = new int[64];
    lang.trainBatch(5L, 17, 4, 16, a, ta);
    lang.trainBatch(5L, 17, 4, 16, b, tb);
    assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
    for (int i = 0; i < 63; i++) if ((i + 1) % 16 != 0) assertEquals(ta[i], a[i + 1]);
  }
}
