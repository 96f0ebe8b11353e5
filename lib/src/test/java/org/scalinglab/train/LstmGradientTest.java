package org.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LSTM's backward pass through time against central finite differences of its forward pass,
 * tensor by tensor (a random direction u inside each tensor: (L(θ+εu) − L(θ−εu)) / 2ε ≈ ∇L·u), and
 * its parameter counting and size matching.
 */
class LstmGradientTest {
  static final LstmConfig CFG = new LstmConfig(11, 6, 2, 5);
  static Lstm model;
  static int[] in, tg;

  @BeforeAll
  static void setUp() {
    model = new Lstm(CFG, 3, 7L, 2);
    SplittableRandom r = new SplittableRandom(3);
    in = new int[3 * 6];
    tg = new int[3 * 6];
    for (int i = 0; i < in.length; i++) {
      in[i] = r.nextInt(11);
      tg[i] = r.nextInt(11);
    }
    // larger embeddings and generic biases so every gate is away from its resting point
    NativeFloats p = model.params();
    for (int i = 0; i < p.length(); i++) p.set(i, p.get(i) + (float) (0.3 * r.nextGaussian()));
  }

  @AfterAll
  static void tearDown() {
    model.close();
  }

  @Test
  void everyTensorMatchesFiniteDifferences() {
    model.forward(in, tg);
    model.backward();
    float[] grad = model.grads().toArray();
    int h = CFG.hidden();
    check("wte", 0, CFG.vocab() * h, grad);
    for (int l = 0; l < CFG.layers(); l++) {
      check("wx", l, h * 4 * h, grad);
      check("wh", l, h * 4 * h, grad);
      check("b", l, 4 * h, grad);
    }
  }

  @Test
  void singleEntriesOfTheRecurrentWeightsMatchFiniteDifferences() {
    model.forward(in, tg);
    model.backward();
    float[] grad = model.grads().toArray();
    int off = model.offsetOf("wh", 0);
    for (int i : new int[] {0, 7, 23, 41, 99}) {
      double numeric = FiniteDifferences.directional(model, in, tg, off + i, 1, new double[] {1});
      assertTrue(Math.abs(numeric - grad[off + i]) <= 2e-5 + 5e-3 * Math.abs(numeric), "wh[0][" + i + "]: analytic " + grad[off + i] + " vs numeric " + numeric);
    }
  }

  @Test
  void sameSeedSameThreadsGivesBitIdenticalLossAndGradients() {
    try (Lstm a = new Lstm(CFG, 3, 99L, 2); Lstm b = new Lstm(CFG, 3, 99L, 2)) {
      double la = a.forward(in, tg), lb = b.forward(in, tg);
      a.backward();
      b.backward();
      assertEquals(Double.doubleToLongBits(la), Double.doubleToLongBits(lb));
      float[] ga = a.grads().toArray(), gb = b.grads().toArray();
      for (int i = 0; i < ga.length; i++) assertEquals(Float.floatToIntBits(ga[i]), Float.floatToIntBits(gb[i]), "gradient " + i);
    }
  }

  @Test
  void oneThreadAndTwoThreadsAgreeClosely() {
    try (Lstm a = new Lstm(CFG, 3, 5L, 1); Lstm b = new Lstm(CFG, 3, 5L, 2)) {
      assertEquals(a.forward(in, tg), b.forward(in, tg), 1e-6);
    }
  }

  @Test
  void parameterCountsAndFlops() {
    assertEquals(11 * 5 + 2 * (8 * 25 + 4 * 5), model.params().length()); // the buffer the model allocated, counted by hand
    assertEquals(11 * 5, CFG.embeddingParams());
    assertEquals(2 * (8 * 25 + 4 * 5), CFG.nonEmbeddingParams());
    assertEquals(3 * (2 * 2 * 8 * 25 + 2 * 5 * 11), CFG.trainingFlopsPerToken(), 1e-9);
    assertEquals(Math.log(11), new Lstm(CFG, 3, 1L, 1).forward(in, tg), 0.05, "a fresh model guesses nearly uniformly");
  }

  @Test
  void matchingPicksTheNearestHiddenSize() {
    TransformerConfig t = TransformerConfig.of(8, 64, 2, 64, 4);
    assertEquals(100_096, t.nonEmbeddingParams());
    LstmConfig m = LstmConfig.matching(t, 2);
    assertEquals(79, m.hidden()); // 2·(8·79² + 4·79) = 100,488; H = 78 gives 97,968
    assertEquals(8, m.vocab());
    assertEquals(64, m.context());
    for (int layers = 1; layers <= 3; layers++) {
      LstmConfig k = LstmConfig.matching(t, layers);
      long n = k.nonEmbeddingParams(), target = t.nonEmbeddingParams();
      for (int h : new int[] {k.hidden() - 1, k.hidden() + 1}) {
        if (h < 1) continue;
        long other = new LstmConfig(8, 64, layers, h).nonEmbeddingParams();
        assertTrue(Math.abs(n - target) <= Math.abs(other - target), "H=" + k.hidden() + " is nearer than " + h);
      }
    }
  }

  private void check(String name, int layer, int size, float[] grad) {
    FiniteDifferences.checkTensor(model, in, tg, name, layer, model.offsetOf(name, layer), size, grad);
  }
}
