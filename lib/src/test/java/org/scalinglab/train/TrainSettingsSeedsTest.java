package org.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The initialisation and data-order seeds are separate, and one seed behaves exactly as before the split. */
class TrainSettingsSeedsTest {
  static final TransformerConfig SHAPE = TransformerConfig.of(8, 8, 1, 16, 1);
  static final TrainSettings BASE = TrainSettings.defaults().withBatch(4).withThreads(1).withLearningRate(1e-2).withEval(2, 2).withSeed(5);

  static TrainResult train(TrainSettings s) {
    try (Transformer m = new Transformer(SHAPE, s.batch(), s.initSeed(), s.threads())) {
      return Trainer.train(m, DataSpec.markov(), 2e3, s, null, Trainer.Progress.NONE, 0);
    }
  }

  @Test
  void oneSeedPrintsAsBeforeAndSetsAllThree() {
    TrainSettings s = TrainSettings.defaults().withSeed(7);
    assertEquals(7, s.initSeed());
    assertEquals(7, s.orderSeed());
    assertTrue(s.singleSeed());
    assertTrue(s.toString().endsWith("seed=7, threads=2, checkpointEvery=200]"), s.toString());
    assertTrue(s.withInitSeed(8).toString().contains("initSeed=8, orderSeed=7"));
    assertEquals(new TrainSettings(16, 3e-3, 0.05, 0.1, AdamW.Settings.DEFAULT, 8, 4, 7L, 2, 200), s);
  }

  @Test
  void splitSeedsEqualToTheSeedGiveBitIdenticalRuns() {
    TrainResult a = train(BASE), b = train(BASE.withInitSeed(5).withOrderSeed(5));
    assertEquals(a.curve(), b.curve());
  }

  @Test
  void eachSeedChangesTheRunAndTheOtherHoldsStill() {
    TrainResult base = train(BASE), init = train(BASE.withInitSeed(6)), order = train(BASE.withOrderSeed(6));
    assertNotEquals(base.finalEvalLoss(), init.finalEvalLoss());
    assertNotEquals(base.finalEvalLoss(), order.finalEvalLoss());
    assertNotEquals(init.finalEvalLoss(), order.finalEvalLoss());
    // the same initial weights and the same held-out batches: equal loss before the first step
    try (Transformer m1 = new Transformer(SHAPE, 4, BASE.initSeed(), 1); Transformer m2 = new Transformer(SHAPE, 4, BASE.withOrderSeed(6).initSeed(), 1)) {
      assertEquals(Trainer.evaluate(m1, DataSpec.markov(), BASE.seed(), 2), Trainer.evaluate(m2, DataSpec.markov(), BASE.withOrderSeed(6).seed(), 2), 0);
    }
  }
}
