package org.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-written backward pass against central finite differences of the forward pass, tensor by
 * tensor (a random direction inside each parameter tensor: (L(θ+εu) − L(θ−εu)) / 2ε ≈ ∇L·u).
 */
class TransformerGradientTest {
  static final TransformerConfig CFG = new TransformerConfig(11, 6, 2, 8, 2, 12);
  static final String[] LAYER_TENSORS = {"ln1w", "ln1b", "qkvw", "qkvb", "projw", "projb", "ln2w", "ln2b", "fcw", "fcb", "fcprojw", "fcprojb"};
  static Transformer model;
  static int[] in, tg;

  @BeforeAll
  static void setUp() {
    model = new Transformer(CFG, 3, 7L, 2);
    SplittableRandom r = new SplittableRandom(3);
    in = new int[3 * 6];
    tg = new int[3 * 6];
    for (int i = 0; i < in.length; i++) {
      in[i] = r.nextInt(11);
      tg[i] = r.nextInt(11);
    }
    // move norm gains and biases away from 1 and 0 so their gradients are generic
    NativeFloats p = model.params();
    for (int i = 0; i < p.length(); i++) p.set(i, p.get(i) + (float) (0.05 * r.nextGaussian()));
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
    check("wte", 0, CFG.vocab() * CFG.dModel(), grad);
    check("wpe", 0, CFG.context() * CFG.dModel(), grad);
    int d = CFG.dModel(), f = CFG.dFf();
    int[] sizes = {d, d, d * 3 * d, 3 * d, d * d, d, d, d, d * f, f, f * d, d};
    for (int l = 0; l < CFG.layers(); l++) {
      for (int k = 0; k < LAYER_TENSORS.length; k++) check(LAYER_TENSORS[k], l, sizes[k], grad);
    }
    check("lnfw", 0, d, grad);
    check("lnfb", 0, d, grad);
  }

  @Test
  void sameSeedSameThreadsGivesBitIdenticalLossAndGradients() {
    try (Transformer a = new Transformer(CFG, 3, 99L, 2); Transformer b = new Transformer(CFG, 3, 99L, 2)) {
      double la = a.forward(in, tg), lb = b.forward(in, tg);
      a.backward();
      b.backward();
      assertEquals(Double.doubleToLongBits(la), Double.doubleToLongBits(lb));
      float[] ga = a.grads().toArray(), gb = b.grads().toArray();
      for (int i = 0; i < ga.length; i++) assertEquals(Float.floatToIntBits(ga[i]), Float.floatToIntBits(gb[i]), "gradient " + i);
    }
  }

  @Test
  void parameterCountMatchesTheLayout() {
    // counted by hand (d = 8, d_ff = 12): per layer ln1 2d + qkv 3d²+3d + proj d²+d + ln2 2d + fc d·d_ff+d_ff
    // + fcproj d_ff·d+d = 16 + 216 + 72 + 16 + 108 + 104 = 532; two layers and the final norm (2d): 1,080
    assertEquals(1_080, CFG.nonEmbeddingParams());
    assertEquals(11 * 8 + 6 * 8, CFG.embeddingParams());
    assertEquals(1_080 + 136, model.params().length()); // the buffer the model allocated, not the config's own sum
  }

  private void check(String name, int layer, int size, float[] grad) {
    FiniteDifferences.checkTensor(model, in, tg, name, layer, model.offsetOf(name, layer), size, grad);
  }
}
