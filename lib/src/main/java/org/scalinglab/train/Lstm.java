package org.scalinglab.train;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * An LSTM language model (see {@link LstmConfig}) with hand-written forward and backward-through-
 * time passes, built the same way as {@link Transformer}: parameters, gradients and activations
 * preallocated once in native memory ({@link NativeFloats}), the gate products on
 * OpenBLAS {@code sgemm} ({@link Blas}), the gate non-linearities and the cell update as fused
 * Java loops, and a {@link WorkerPool} with fixed chunks, so results are bit-identical for a given
 * seed and thread count. It trains with the same {@link Trainer}, AdamW, schedule and data as the
 * transformer and its runs report the same {@link TrainResult} (exact parameter counts, FLOPs per
 * token from {@link LstmConfig}, tokens/s, MFU). Gradients are proven against finite differences
 * and against SameDiff's automatic differentiation in the tests.
 *
 * <h2>Equations</h2>
 * Per layer and time step, with the gate pre-activations of one product pair
 * {@code a = x_t·W_x + h_{t−1}·W_h + b} split into four blocks of H (Gers et al. 2000):
 * <pre>
 *   i = σ(a_i), f = σ(a_f), g = tanh(a_g), o = σ(a_o)
 *   c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)
 * </pre>
 * with {@code h_{−1} = c_{−1} = 0} for every sequence. The input products of all time steps are
 * one large product per layer; the recurrent products are one product per time step over the
 * sequences a thread owns (sequences are independent, so each thread runs its own sequences
 * through the whole recurrence). Backward through time runs the same recurrence in reverse
 * (Werbos 1990); the weight gradients are then large products over all positions, summed in one
 * fixed order.
 *
 * <h2>Initialisation</h2>
 * Embedding N(0, 0.02²) as in the transformer; W_x and W_h uniform in ±1/√H (the usual LSTM
 * default, e.g. PyTorch's {@code nn.LSTM}); biases 0 except the forget gate's, 1
 * (Jozefowicz et al. 2015, Section 2.2: it keeps the cell's memory at the start of training).
 */
public final class Lstm implements LanguageModel {
  private final LstmConfig cfg;
  private final int B, T, H, G, V, L, BT;
  private final WorkerPool pool;
  private final boolean ownsPool;

  // parameter layout
  private final int wte;
  private final int[] wx, wh, bias;
  private final int numParams;
  private final boolean[] decayed;
  private final NativeFloats params, grads;

  // activations
  private final NativeFloats acts;
  private final int emb, logits;
  private final int[] gates, cell, cellTanh, hid;
  // backward scratch
  private final NativeFloats dGates, dUp, dDown, dhRec, dcRec, dlogits;
  private final float[][] partial;

  private int[] lastInputs, lastTargets;
  private final double[] rowLoss;

  /** An LSTM with its own worker pool of {@code threads} threads. */
  public Lstm(LstmConfig cfg, int batch, long seed, int threads) {
    this(cfg, batch, seed, new WorkerPool(threads), true);
  }

  /** An LSTM on a shared worker pool (not closed by {@link #close()}). */
  public Lstm(LstmConfig cfg, int batch, long seed, WorkerPool pool) {
    this(cfg, batch, seed, pool, false);
  }

  private Lstm(LstmConfig cfg, int batch, long seed, WorkerPool pool, boolean ownsPool) {
    if (batch <= 0) throw new IllegalArgumentException("batch must be positive, got " + batch);
    Blas.init();
    this.cfg = cfg;
    this.pool = pool;
    this.ownsPool = ownsPool;
    B = batch;
    T = cfg.context();
    H = cfg.hidden();
    G = 4 * H;
    V = cfg.vocab();
    L = cfg.layers();
    BT = B * T;

    long p = 0;
    wte = 0;
    p += (long) V * H;
    wx = new int[L];
    wh = new int[L];
    bias = new int[L];
    for (int l = 0; l < L; l++) {
      wx[l] = checked(p);
      p += (long) H * G;
      wh[l] = checked(p);
      p += (long) H * G;
      bias[l] = checked(p);
      p += G;
    }
    numParams = checked(p);
    if (numParams != cfg.totalParams()) {
      throw new IllegalStateException("layout has " + numParams + " parameters, config says " + cfg.totalParams());
    }
    params = NativeFloats.zeros(numParams);
    grads = NativeFloats.zeros(numParams);
    decayed = new boolean[numParams];
    for (int i = 0; i < bias[0]; i++) decayed[i] = true;
    for (int l = 1; l < L; l++) for (int i = wx[l]; i < bias[l]; i++) decayed[i] = true;
    initialise(seed);

    long a = 0;
    emb = checked(a);
    a += (long) BT * H;
    gates = new int[L];
    cell = new int[L];
    cellTanh = new int[L];
    hid = new int[L];
    for (int l = 0; l < L; l++) {
      gates[l] = checked(a);
      a += (long) BT * G;
      cell[l] = checked(a);
      a += (long) BT * H;
      cellTanh[l] = checked(a);
      a += (long) BT * H;
      hid[l] = checked(a);
      a += (long) BT * H;
    }
    logits = checked(a);
    a += (long) BT * V;
    acts = NativeFloats.zeros(checked(a));

    dGates = NativeFloats.zeros(BT * G);
    dUp = NativeFloats.zeros(BT * H);
    dDown = NativeFloats.zeros(BT * H);
    dhRec = NativeFloats.zeros(B * H);
    dcRec = NativeFloats.zeros(B * H);
    dlogits = NativeFloats.zeros(BT * V);
    partial = new float[pool.threads()][Math.max(G, V)];
    rowLoss = new double[BT];
  }

  private static int checked(long n) {
    if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("model too large for one float block");
    return (int) n;
  }

  private void initialise(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    FloatBuffer w = params.buffer();
    for (int i = 0; i < V * H; i++) w.put(wte + i, (float) (0.02 * rng.nextGaussian()));
    float r = (float) (1 / Math.sqrt(H));
    for (int l = 0; l < L; l++) {
      for (int i = 0; i < H * G; i++) w.put(wx[l] + i, (float) (r * (2 * rng.nextDouble() - 1)));
      for (int i = 0; i < H * G; i++) w.put(wh[l] + i, (float) (r * (2 * rng.nextDouble() - 1)));
      for (int j = 0; j < H; j++) w.put(bias[l] + H + j, 1f);
    }
  }

  public LstmConfig config() {
    return cfg;
  }

  @Override public int batch() { return B; }
  @Override public int context() { return T; }
  @Override public int vocab() { return V; }
  @Override public NativeFloats params() { return params; }
  @Override public NativeFloats grads() { return grads; }
  @Override public boolean[] decayed() { return decayed; }
  @Override public long embeddingParams() { return cfg.embeddingParams(); }
  @Override public long nonEmbeddingParams() { return cfg.nonEmbeddingParams(); }
  @Override public double trainingFlopsPerToken() { return cfg.trainingFlopsPerToken(); }
  @Override public String describe() { return "lstm " + cfg.name(); }

  /** Offset of a named parameter tensor: {@code wte}, or per layer {@code wx}, {@code wh}, {@code b}. */
  public int offsetOf(String name, int layer) {
    return switch (name) {
      case "wte" -> wte;
      case "wx" -> wx[layer];
      case "wh" -> wh[layer];
      case "b" -> bias[layer];
      default -> throw new IllegalArgumentException("no parameter named " + name);
    };
  }

  // ------------------------------------------------------------------------------------------
  // forward

  @Override
  public double forward(int[] inputs, int[] targets) {
    if (inputs.length != BT || targets.length != BT) {
      throw new IllegalArgumentException("expected " + BT + " tokens, got " + inputs.length + " and " + targets.length);
    }
    for (int i = 0; i < BT; i++) {
      if (inputs[i] < 0 || inputs[i] >= V || targets[i] < 0 || targets[i] >= V) {
        throw new IllegalArgumentException("token out of vocabulary [0, " + V + ") at position " + i);
      }
    }
    lastInputs = inputs;
    lastTargets = targets;
    FloatBuffer w = params.buffer(), x = acts.buffer();
    pool.run(BT, (th, lo, hi) -> {
      for (int r = lo; r < hi; r++) {
        int o = emb + r * H, e = wte + inputs[r] * H;
        for (int j = 0; j < H; j++) x.put(o + j, w.get(e + j));
      }
    });
    int in = emb;
    for (int l = 0; l < L; l++) {
      layerForward(l, in);
      in = hid[l];
    }
    Blas.gemmRows(pool, true, BT, V, H, 1f, acts, in, H, params, wte, H, 0f, acts, logits, V);
    pool.run(BT, (th, lo, hi) -> {
      for (int r = lo; r < hi; r++) {
        int o = logits + r * V;
        float max = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < V; v++) max = Math.max(max, x.get(o + v));
        double sum = 0;
        for (int v = 0; v < V; v++) {
          float e = FastExp.exp(x.get(o + v) - max);
          x.put(o + v, e);
          sum += e;
        }
        float inv = (float) (1 / sum);
        for (int v = 0; v < V; v++) x.put(o + v, x.get(o + v) * inv);
        rowLoss[r] = -Math.log(Math.max(x.get(o + targets[r]), 1e-30f));
      }
    });
    double loss = 0;
    for (int r = 0; r < BT; r++) loss += rowLoss[r];
    return loss / BT;
  }

  /** One layer over all time steps; each thread runs its own sequences through the recurrence. */
  private void layerForward(int l, int in) {
    FloatBuffer x = acts.buffer(), w = params.buffer();
    int g0 = gates[l], c0 = cell[l], tc0 = cellTanh[l], h0 = hid[l], bOff = bias[l];
    pool.run(B, (th, lo, hi) -> {
      int rows = (hi - lo) * T, first = lo * T;
      for (int r = first; r < first + rows; r++) {
        int o = g0 + r * G;
        for (int j = 0; j < G; j++) x.put(o + j, w.get(bOff + j));
      }
      // input products of every time step at once
      Blas.gemm(false, false, rows, G, H, 1f, acts, in + (long) first * H, H, params, wx[l], G, 1f, acts, g0 + (long) first * G, G);
      for (int t = 0; t < T; t++) {
        if (t > 0) {
          // recurrent product for this thread's sequences: rows b·T + t (stride T rows)
          Blas.gemm(false, false, hi - lo, G, H, 1f, acts, h0 + (long) (first + t - 1) * H, T * H,
              params, wh[l], G, 1f, acts, g0 + (long) (first + t) * G, T * G);
        }
        for (int b = lo; b < hi; b++) {
          int r = b * T + t, go = g0 + r * G, co = r * H;
          for (int j = 0; j < H; j++) {
            float ig = sigmoid(x.get(go + j));
            float fg = sigmoid(x.get(go + H + j));
            float gg = tanh(x.get(go + 2 * H + j));
            float og = sigmoid(x.get(go + 3 * H + j));
            float cPrev = t > 0 ? x.get(c0 + co - H + j) : 0f;
            float c = fg * cPrev + ig * gg;
            float tc = tanh(c);
            x.put(go + j, ig);
            x.put(go + H + j, fg);
            x.put(go + 2 * H + j, gg);
            x.put(go + 3 * H + j, og);
            x.put(c0 + co + j, c);
            x.put(tc0 + co + j, tc);
            x.put(h0 + co + j, og * tc);
          }
        }
      }
    });
  }

  private static float sigmoid(float z) {
    if (z < -80f) return 0f;
    return 1f / (1f + FastExp.exp(-z));
  }

  /** tanh through one exp (Math.exp is a JIT intrinsic; Math.tanh is not). */
  private static float tanh(float z) {
    if (z > 15f) return 1f;
    if (z < -15f) return -1f;
    float e = FastExp.exp(2 * z);
    return (e - 1f) / (e + 1f);
  }

  @Override
  public void lastTokenLosses(double[] out) {
    if (out.length != BT) throw new IllegalArgumentException("expected room for " + BT + " losses, got " + out.length);
    System.arraycopy(rowLoss, 0, out, 0, BT);
  }

  // ------------------------------------------------------------------------------------------
  // backward

  @Override
  public void backward() {
    if (lastInputs == null) throw new IllegalStateException("backward() needs a forward() first");
    int[] inputs = lastInputs, targets = lastTargets;
    FloatBuffer x = acts.buffer(), g = grads.buffer();
    grads.fill(0f);
    FloatBuffer dl = dlogits.buffer();
    float invBT = 1f / BT;
    pool.run(BT, (th, lo, hi) -> {
      for (int r = lo; r < hi; r++) {
        int o = logits + r * V, d = r * V;
        for (int v = 0; v < V; v++) dl.put(d + v, x.get(o + v) * invBT);
        dl.put(d + targets[r], dl.get(d + targets[r]) - invBT);
      }
    });
    int top = hid[L - 1];
    // tied head: dh_top = dlogits·W_te ; dW_te += dlogitsᵀ·h_top
    Blas.gemmRows(pool, false, BT, H, V, 1f, dlogits, 0, V, params, wte, H, 0f, dUp, 0, H);
    Blas.gemmTransAColumns(pool, V, H, BT, 1f, dlogits, 0, V, acts, top, H, 1f, grads, wte, H);
    NativeFloats up = dUp, down = dDown;
    for (int l = L - 1; l >= 0; l--) {
      layerBackward(l, l == 0 ? emb : hid[l - 1], up, down);
      NativeFloats swap = up;
      up = down;
      down = swap;
    }
    // 'up' now holds the gradient at the embedding output; one writer per channel, fixed order
    FloatBuffer de = up.buffer();
    pool.run(H, (th, lo, hi) -> {
      for (int r = 0; r < BT; r++) {
        int e = wte + inputs[r] * H, d = r * H;
        for (int j = lo; j < hi; j++) g.put(e + j, g.get(e + j) + de.get(d + j));
      }
    });
  }

  /**
   * Backward through time for layer {@code l}: {@code dOut} is the gradient at the layer's outputs
   * h (all time steps); writes the gradient at its inputs into {@code dIn} and adds the weight
   * gradients.
   */
  private void layerBackward(int l, int in, NativeFloats dOut, NativeFloats dIn) {
    FloatBuffer x = acts.buffer(), du = dOut.buffer(), dg = dGates.buffer(), dh = dhRec.buffer(), dc = dcRec.buffer();
    int g0 = gates[l], c0 = cell[l], tc0 = cellTanh[l], h0 = hid[l];
    pool.run(B, (th, lo, hi) -> {
      int first = lo * T;
      for (int t = T - 1; t >= 0; t--) {
        boolean last = t == T - 1;
        for (int b = lo; b < hi; b++) {
          int r = b * T + t, go = g0 + r * G, co = r * H, d = r * G, s = b * H;
          for (int j = 0; j < H; j++) {
            float ig = x.get(go + j), fg = x.get(go + H + j), gg = x.get(go + 2 * H + j), og = x.get(go + 3 * H + j);
            float tc = x.get(tc0 + co + j);
            float dhj = du.get(co + j) + (last ? 0f : dh.get(s + j));
            float dcj = (last ? 0f : dc.get(s + j)) + dhj * og * (1f - tc * tc);
            float cPrev = t > 0 ? x.get(c0 + co - H + j) : 0f;
            dc.put(s + j, dcj * fg);
            dg.put(d + j, dcj * gg * ig * (1f - ig));
            dg.put(d + H + j, dcj * cPrev * fg * (1f - fg));
            dg.put(d + 2 * H + j, dcj * ig * (1f - gg * gg));
            dg.put(d + 3 * H + j, dhj * tc * og * (1f - og));
          }
        }
        if (t > 0) {
          // gradient reaching h_{t−1} through the recurrence: dA_t·W_hᵀ
          Blas.gemm(false, true, hi - lo, H, G, 1f, dGates, (long) (first + t) * G, T * G,
              params, wh[l], G, 0f, dhRec, (long) lo * H, H);
        }
      }
    });
    // dW_x += Xᵀ·dA over all positions
    Blas.gemmTransAColumns(pool, H, G, BT, 1f, acts, in, H, dGates, 0, G, 1f, grads, wx[l], G);
    // dW_h += Σ_b h_b[0..T−2]ᵀ·dA_b[1..T−1], split over columns, sequences in order
    if (T > 1) {
      pool.run(G, (th, lo, hi) -> {
        for (int b = 0; b < B; b++) {
          Blas.gemm(true, false, H, hi - lo, T - 1, 1f, acts, h0 + (long) b * T * H, H,
              dGates, (long) (b * T + 1) * G + lo, G, 1f, grads, (long) wh[l] + lo, G);
        }
      });
    }
    // bias: column sums
    FloatBuffer gr = grads.buffer();
    int bOff = bias[l];
    pool.run(G, (th, lo, hi) -> {
      float[] acc = partial[th];
      for (int j = lo; j < hi; j++) acc[j] = 0f;
      for (int r = 0; r < BT; r++) {
        int o = r * G;
        for (int j = lo; j < hi; j++) acc[j] += dg.get(o + j);
      }
      for (int j = lo; j < hi; j++) gr.put(bOff + j, gr.get(bOff + j) + acc[j]);
    });
    // dX = dA·W_xᵀ
    Blas.gemmRows(pool, true, BT, H, G, 1f, dGates, 0, G, params, wx[l], G, 0f, dIn, 0, H);
  }

  @Override
  public void close() {
    if (ownsPool) pool.close();
  }
}
