package org.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An independent automatic differentiation as the oracle for the hand-written backward passes:
 * the same tiny transformer and LSTM, with our weights copied in, built as an ND4J SameDiff graph
 * in double precision, and SameDiff's gradients ({@code calculateGradients}, no training) compared
 * with ours tensor by tensor.
 *
 * <p>The graphs use only 2-D matrix products and element-wise ops: embeddings are one-hot
 * products (ND4J 1.0.0-M2.1's {@code gather} as the embedding lookup failed inside SameDiff's
 * {@code fit()} with "One of Input arguments was closed before call", measured 2026-11-22), sequences and time steps are picked
 * out with constant selection matrices, and the fused QKV and gate matrices are split into one
 * variable per head or gate (their gradients are put back side by side for the comparison). GELU
 * is written out as the tanh formula our engine uses (ND4J's {@code gelu} op is the sigmoid
 * approximation). SameDiff prints one "Added differentiated op" line per op to stdout.
 */
class SameDiffGradientOracleTest {
  /** Relative tolerance on each tensor's gradient (‖ours − oracle‖ / ‖oracle‖): fp32 against fp64. */
  static final double TOL = 1e-3;

  static int[][] data(int vocab, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] in = new int[n], tg = new int[n];
    for (int i = 0; i < n; i++) {
      in[i] = r.nextInt(vocab);
      tg[i] = r.nextInt(vocab);
    }
    return new int[][] {in, tg};
  }

  static void perturb(NativeFloats p, double scale, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < p.length(); i++) p.set(i, p.get(i) + (float) (scale * r.nextGaussian()));
  }

  /** rows×cols block of a flat row-major tensor with row stride ld, starting at column col0, as a double matrix. */
  static INDArray block(float[] f, int off, int rows, int cols, int ld, int col0) {
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m[i][j] = f[off + i * ld + col0 + j];
    return Nd4j.create(m);
  }

  static INDArray oneHot(int[] idx, int width) {
    double[][] m = new double[idx.length][width];
    for (int i = 0; i < idx.length; i++) m[i][idx[i]] = 1;
    return Nd4j.create(m);
  }

  /** rows×cols selector with a one at (i, first + i·step): picks rows first, first+step, … of a matrix. */
  static INDArray selector(int rows, int cols, int first, int step) {
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) m[i][first + i * step] = 1;
    return Nd4j.create(m);
  }

  static SDVariable layerNorm(SameDiff sd, SDVariable x, SDVariable gain, SDVariable bias) {
    SDVariable d = x.sub(x.mean(true, 1));
    SDVariable var = d.mul(d).mean(true, 1);
    return d.mul(sd.math().rsqrt(var.add(1e-5))).mul(gain).add(bias);
  }

  static SDVariable crossEntropy(SameDiff sd, SDVariable logits, int[] targets, int vocab) {
    // log-softmax written out: SameDiff 1.0.0-M2.1's logSoftmax(x, dim) fails to build ("Error setting
    // property … LogSoftMax"); logits here are small, so no max shift is needed in double precision
    SDVariable logp = logits.sub(sd.math().log(sd.math().exp(logits).sum(true, 1)));
    return logp.mul(sd.constant(oneHot(targets, vocab))).sum().mul(-1.0 / targets.length);
  }

  /** Compares our gradient (as blocks) with the oracle's, relative to the oracle's norm. */
  static void compare(String what, INDArray ours, INDArray oracle, List<String> report) {
    assertEquals(java.util.Arrays.toString(oracle.shape()), java.util.Arrays.toString(ours.shape()), what + " shape");
    double diff = ours.sub(oracle).norm2Number().doubleValue(), norm = oracle.norm2Number().doubleValue();
    double rel = diff / Math.max(norm, 1e-12);
    report.add(String.format(java.util.Locale.ROOT, "%s rel %.2e (|g| %.3e)", what, rel, norm));
    if (what.contains(" bk")) {
      // the key bias adds q·b_k to every score of a row, which softmax ignores: its gradient is exactly 0
      assertTrue(norm < 1e-12 && ours.norm2Number().doubleValue() < 1e-6, what + ": the key-bias gradient must vanish");
      return;
    }
    assertTrue(norm > 1e-8, what + ": oracle gradient is zero, the comparison would prove nothing");
    assertTrue(rel <= TOL, what + ": ours and SameDiff's gradients differ by " + rel + " relative (norm " + norm + ")");
  }

  @Test
  void transformerGradientsMatchSameDiff() {
    TransformerConfig cfg = new TransformerConfig(11, 6, 2, 8, 2, 12);
    int B = 3, T = 6, C = 8, NH = 2, HS = 4, F = 12, V = 11, L = 2, BT = B * T;
    int[][] io = data(V, BT, 3);
    try (Transformer m = new Transformer(cfg, B, 7L, 2)) {
      perturb(m.params(), 0.05, 5);
      double ourLoss = m.forward(io[0], io[1]);
      m.backward();
      float[] p = m.params().toArray(), g = m.grads().toArray();

      SameDiff sd = SameDiff.create();
      Map<String, INDArray> ourGrads = new LinkedHashMap<>();
      Map<String, SDVariable> vars = new LinkedHashMap<>();
      java.util.function.BiFunction<String, INDArray[], SDVariable> var = (name, pg) -> {
        ourGrads.put(name, pg[1]);
        SDVariable v = sd.var(name, pg[0]);
        vars.put(name, v);
        return v;
      };
      // one parameter tensor (or a column block of one) as [value, our gradient]
      java.util.function.Function<int[], INDArray[]> t = a -> new INDArray[] {
          block(p, a[0], a[1], a[2], a[3], a[4]), block(g, a[0], a[1], a[2], a[3], a[4])};

      SDVariable wte = var.apply("wte", t.apply(new int[] {m.offsetOf("wte", 0), V, C, C, 0}));
      SDVariable wpe = var.apply("wpe", t.apply(new int[] {m.offsetOf("wpe", 0), T, C, C, 0}));
      int[] pos = new int[BT];
      for (int r = 0; r < BT; r++) pos[r] = r % T;
      SDVariable x = sd.constant(oneHot(io[0], V)).mmul(wte).add(sd.constant(oneHot(pos, T)).mmul(wpe));
      double[][] mask = new double[T][T];
      for (int i = 0; i < T; i++) for (int j = i + 1; j < T; j++) mask[i][j] = -1e9;
      SDVariable causal = sd.constant(Nd4j.create(mask));
      double scale = 1 / Math.sqrt(HS), geluC = Math.sqrt(2 / Math.PI);
      for (int l = 0; l < L; l++) {
        final int layer = l;
        java.util.function.BiFunction<String, int[], SDVariable> lv = (name, shape) -> var.apply(name + layer,
            t.apply(new int[] {m.offsetOf(name, layer), shape[0], shape[1], shape[1], 0}));
        SDVariable ln1 = layerNorm(sd, x, lv.apply("ln1w", new int[] {1, C}), lv.apply("ln1b", new int[] {1, C}));
        SDVariable[][] w = new SDVariable[3][NH], b = new SDVariable[3][NH];
        String[] qkv = {"q", "k", "v"};
        for (int k = 0; k < 3; k++) {
          for (int h = 0; h < NH; h++) {
            int col = k * C + h * HS;
            w[k][h] = var.apply("w" + qkv[k] + l + "_" + h, t.apply(new int[] {m.offsetOf("qkvw", l), C, HS, 3 * C, col}));
            b[k][h] = var.apply("b" + qkv[k] + l + "_" + h, t.apply(new int[] {m.offsetOf("qkvb", l), 1, HS, 3 * C, col}));
          }
        }
        SDVariable atty = null;
        for (int s = 0; s < B; s++) {
          SDVariable sel = sd.constant(selector(T, BT, s * T, 1));
          SDVariable xs = sel.mmul(ln1);
          for (int h = 0; h < NH; h++) {
            SDVariable q = xs.mmul(w[0][h]).add(b[0][h]), k = xs.mmul(w[1][h]).add(b[1][h]), v = xs.mmul(w[2][h]).add(b[2][h]);
            SDVariable att = sd.nn().softmax(sd.mmul(q, k, false, true, false).mul(scale).add(causal), 1);
            SDVariable y = att.mmul(v).mmul(sd.constant(selector(HS, C, h * HS, 1)));
            SDVariable placed = sd.mmul(sel, y, true, false, false);
            atty = atty == null ? placed : atty.add(placed);
          }
        }
        SDVariable x2 = x.add(atty.mmul(lv.apply("projw", new int[] {C, C})).add(lv.apply("projb", new int[] {1, C})));
        SDVariable ln2 = layerNorm(sd, x2, lv.apply("ln2w", new int[] {1, C}), lv.apply("ln2b", new int[] {1, C}));
        SDVariable u = ln2.mmul(lv.apply("fcw", new int[] {C, F})).add(lv.apply("fcb", new int[] {1, F}));
        SDVariable gelu = u.mul(0.5).mul(sd.math().tanh(u.add(u.mul(u).mul(u).mul(0.044715)).mul(geluC)).add(1.0));
        x = x2.add(gelu.mmul(lv.apply("fcprojw", new int[] {F, C})).add(lv.apply("fcprojb", new int[] {1, C})));
      }
      SDVariable lnf = layerNorm(sd, x, var.apply("lnfw", t.apply(new int[] {m.offsetOf("lnfw", 0), 1, C, C, 0})),
          var.apply("lnfb", t.apply(new int[] {m.offsetOf("lnfb", 0), 1, C, C, 0})));
      SDVariable loss = crossEntropy(sd, sd.mmul(lnf, wte, false, true, false), io[1], V);
      sd.setLossVariables(loss);

      Map<String, INDArray> oracle = sd.calculateGradients(Map.of(), vars.keySet());
      double oracleLoss = sd.output(Map.of(), loss.name()).get(loss.name()).getDouble(0);
      assertEquals(oracleLoss, ourLoss, 1e-5, "loss");
      List<String> report = new ArrayList<>();
      for (String name : vars.keySet()) compare("transformer " + name, ourGrads.get(name), oracle.get(name), report);
      assertEquals(2 + L * (2 + 6 * NH + 8) + 2, report.size(), "every tensor compared");
      report.forEach(System.err::println);
    }
  }

  @Test
  void lstmGradientsMatchSameDiff() {
    int B = 3, T = 5, H = 4, V = 9, L = 2, BT = B * T, G = 4 * H;
    LstmConfig cfg = new LstmConfig(V, T, L, H);
    int[][] io = data(V, BT, 4);
    try (Lstm m = new Lstm(cfg, B, 7L, 2)) {
      perturb(m.params(), 0.3, 6);
      double ourLoss = m.forward(io[0], io[1]);
      m.backward();
      float[] p = m.params().toArray(), g = m.grads().toArray();

      SameDiff sd = SameDiff.create();
      Map<String, INDArray> ourGrads = new LinkedHashMap<>();
      Map<String, SDVariable> vars = new LinkedHashMap<>();
      java.util.function.BiFunction<String, int[], SDVariable> var = (name, a) -> {
        ourGrads.put(name, block(g, a[0], a[1], a[2], a[3], a[4]));
        SDVariable v = sd.var(name, block(p, a[0], a[1], a[2], a[3], a[4]));
        vars.put(name, v);
        return v;
      };
      SDVariable wte = var.apply("wte", new int[] {m.offsetOf("wte", 0), V, H, H, 0});
      SDVariable x = sd.constant(oneHot(io[0], V)).mmul(wte);
      String[] gate = {"i", "f", "g", "o"};
      for (int l = 0; l < L; l++) {
        SDVariable[] wx = new SDVariable[4], wh = new SDVariable[4], b = new SDVariable[4];
        for (int k = 0; k < 4; k++) {
          wx[k] = var.apply("wx" + l + gate[k], new int[] {m.offsetOf("wx", l), H, H, G, k * H});
          wh[k] = var.apply("wh" + l + gate[k], new int[] {m.offsetOf("wh", l), H, H, G, k * H});
          b[k] = var.apply("b" + l + gate[k], new int[] {m.offsetOf("b", l), 1, H, G, k * H});
        }
        SDVariable h = null, c = null, out = null;
        for (int t = 0; t < T; t++) {
          SDVariable sel = sd.constant(selector(B, BT, t, T)); // rows b·T + t
          SDVariable xt = sel.mmul(x);
          SDVariable[] a = new SDVariable[4];
          for (int k = 0; k < 4; k++) {
            a[k] = xt.mmul(wx[k]).add(b[k]);
            if (h != null) a[k] = a[k].add(h.mmul(wh[k]));
          }
          SDVariable i = sd.nn().sigmoid(a[0]), f = sd.nn().sigmoid(a[1]), gg = sd.math().tanh(a[2]), o = sd.nn().sigmoid(a[3]);
          c = c == null ? i.mul(gg) : f.mul(c).add(i.mul(gg));
          h = o.mul(sd.math().tanh(c));
          SDVariable placed = sd.mmul(sel, h, true, false, false);
          out = out == null ? placed : out.add(placed);
        }
        x = out;
      }
      SDVariable loss = crossEntropy(sd, sd.mmul(x, wte, false, true, false), io[1], V);
      sd.setLossVariables(loss);

      Map<String, INDArray> oracle = sd.calculateGradients(Map.of(), vars.keySet());
      double oracleLoss = sd.output(Map.of(), loss.name()).get(loss.name()).getDouble(0);
      assertEquals(oracleLoss, ourLoss, 1e-5, "loss");
      List<String> report = new ArrayList<>();
      for (String name : vars.keySet()) compare("lstm " + name, ourGrads.get(name), oracle.get(name), report);
      assertEquals(1 + L * 12, report.size(), "every tensor compared");
      report.forEach(System.err::println);
    }
  }
}
