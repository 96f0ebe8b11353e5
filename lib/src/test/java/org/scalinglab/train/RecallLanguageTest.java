package org.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecallLanguageTest {
  @Test
  void lagsDoubleBlockByBlock() {
    assertEquals(1, RecallLanguage.lag(1));
    assertEquals(2, RecallLanguage.lag(3));
    assertEquals(4, RecallLanguage.lag(4));
    assertEquals(4, RecallLanguage.lag(7));
    assertEquals(16, RecallLanguage.lag(31));
    assertEquals(5, RecallLanguage.block(32));
    assertThrows(IllegalArgumentException.class, () -> RecallLanguage.block(0));
  }

  @Test
  void copyEntropyInClosedFormMatchesItsEdgeCases() {
    RecallLanguage l = new RecallLanguage(16, 0.5);
    assertEquals(Math.log(16), l.copyEntropy(0), 1e-12);
    assertEquals(0, l.copyEntropy(1), 1e-12);
    double u = 0.5 / 16, top = 0.5 + u;
    assertEquals(-top * Math.log(top) - 15 * u * Math.log(u), l.copyEntropy(0.5), 1e-12);
  }

  @Test
  void floorsFollowTheBlocksAndMemory() {
    RecallLanguage l = RecallLanguage.standard();
    assertEquals(255, l.maxContext());
    assertEquals(l.copyEntropy(0.4), l.bestLossAtPosition(0), 1e-12); // token 1: block 0
    assertEquals(l.copyEntropy(l.copyProbability(4)), l.bestLossAtPosition(20), 1e-12); // token 21: block 4
    assertEquals(Math.log(16), l.bestLossWithMemory(20, 8), 1e-12);
    assertEquals(l.bestLossAtPosition(20), l.bestLossWithMemory(20, 16), 1e-12);
    for (int i = 1; i < 64; i++) assertTrue(l.bestLossAtPosition(i) <= l.bestLossAtPosition(i - 1));
    assertThrows(IllegalArgumentException.class, () -> l.bestLossAtPosition(255));
  }

  /** The closed-form floor is the empirical cross-entropy of the true conditional law on sampled sequences. */
  @Test
  void floorIsTheTrueModelsSampledCrossEntropy() {
    RecallLanguage l = RecallLanguage.standard();
    int len = 33, n = 100_000; // per-position standard error ≤ 0.006 nats
    int[] seq = new int[len];
    double[] ce = new double[len - 1];
    SplittableRandom rng = new SplittableRandom(7);
    for (int s = 0; s < n; s++) {
      l.sample(rng, seq, 0, len);
      for (int t = 1; t < len; t++) {
        double rho = l.copyProbability(RecallLanguage.block(t));
        double q = (1 - rho) / 16 + (seq[t] == seq[t - RecallLanguage.lag(t)] ? rho : 0);
        ce[t - 1] -= Math.log(q) / n;
      }
    }
    for (int i = 0; i < len - 1; i++) assertEquals(l.bestLossAtPosition(i), ce[i], 0.04, "position " + i);
  }

  @Test
  void batchesArePureFunctionsOfSeedAndStepAndHeldOutDiffers() {
    RecallLanguage l = RecallLanguage.standard();
    int[] a = new int[64], b = new int[64], ta = new int[64], tb = new int[64];
    l.trainBatch(3, 5, 2, 32, a, ta);
    l.trainBatch(3, 5, 2, 32, b, tb);
    assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
    for (int i = 0; i < 31; i++) assertEquals(a[i + 1], ta[i]); // targets are the inputs shifted
    l.evalBatch(3, 5, 2, 32, b, tb);
    assertTrue(!java.util.Arrays.equals(a, b));
  }

  @Test
  void badParametersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RecallLanguage(1, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new RecallLanguage(8, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new RecallLanguage(8));
  }
}
