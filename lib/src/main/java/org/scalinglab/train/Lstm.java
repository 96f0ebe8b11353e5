package org.scalinglab.train;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * An LSTM language model (see {@link LstmConfig}) with hand-written forward and backward-through-
 * time passes, built the same way as {@link Transformer}: parameters, gradients and activations
 * preallocated once in native memory ({@link NativeFloats}), the gate products on
 * OpenBLAS {@code sgemm} ({@link Blas}), the gate non-linearities and the cell update as fused
 * Java loops (the shared {@link Kernels} and tied output head {@link TiedSoftmaxHead}), and a
 * {@link WorkerPool} with fixed chunks, so results are bit-identical for a given
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

  private final ParamLayout layout;
  private final int wte;
  private final int[] wx, wh, bias;
  private final boolean[] decayed;
  private final NativeFloats params, grads;

  private final NativeFloats acts;
  private final int emb, logits;
  private final int[] gates, cell, cellTanh, hid;
  private final TiedSoftmaxHead head;
  // backward scratch
  private final NativeFloats dGates, dUp, dDown, dhRec, dcRec;
  private final float[][] partial;

  private int[] lastInputs, lastTargets;

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

    layout = new ParamLayout();
    wte = layout.add("wte", (long) V * H, true);
    wx = new int[L];
    wh = new int[L];
    bias = new int[L];
    for (int l = 0; l < L; l++) {
      wx[l] = layout.add("wx", l, (long) H * G, true);
      wh[l] = layout.add("wh", l, (long) H * G, true);
      bias[l] = layout.add("b", l, G, false);
    }
    int numParams = layout.size();
    if (numParams != cfg.totalParams()) {
      throw new IllegalStateException("layout has " + numParams + " parameters, config says " + cfg.totalParams());
    }
    params = NativeFloats.zeros(numParams);
    grads = NativeFloats.zeros(numParams);
    decayed = layout.decayedMask();
    initialise(seed);

    ParamLayout a = new ParamLayout();
    emb = a.add("emb", (long) BT * H);
    gates = new int[L];
    cell = new int[L];
    cellTanh = new int[L];
    hid = new int[L];
    for (int l = 0; l < L; l++) {
      gates[l] = a.add("gates", l, (long) BT * G);
      cell[l] = a.add("cell", l, (long) BT * H);
      cellTanh[l] = a.add("cellTanh", l, (long) BT * H);
      hid[l] = a.add("hid", l, (long) BT * H);
    }
    logits = a.add("logits", (long) BT * V);
    acts = NativeFloats.zeros(a.size());
    head = new TiedSoftmaxHead(BT, H, V, pool);

    dGates = NativeFloats.zeros(BT * G);
    dUp = NativeFloats.zeros(BT * H);
    dDown = NativeFloats.zeros(BT * H);
    dhRec = NativeFloats.zeros(B * H);
    dcRec = NativeFloats.zeros(B * H);
    partial = new float[pool.threads()][Math.max(G, V)];
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
    return layout.offset(name, layer);
  }

  // ------------------------------------------------------------------------------------------
  // forward

  @Override
  public double forward(int[] inputs, int[] targets) {
    Kernels.checkTokens(inputs, targets, BT, V);
    lastInputs = inputs;
    lastTargets = targets;
    FloatBuffer w = params.buffer(), x = acts.buffer();
    long t0 = StepProfile.start();
    pool.run(BT, (th, lo, hi) -> {
      for (int r = lo; r < hi; r++) {
        int o = emb + r * H, e = wte + inputs[r] * H;
        for (int j = 0; j < H; j++) x.put(o + j, w.get(e + j));
      }
    });
    StepProfile.stop(StepProfile.Phase.EMBEDDING, t0);
    int in = emb;
    for (int l = 0; l < L; l++) {
      t0 = StepProfile.start();
      layerForward(l, in);
      StepProfile.stop(StepProfile.Phase.LSTM_CELL, t0);
      in = hid[l];
    }
    return head.forward(acts, in, logits, params, wte, targets);
  }

  /** One layer over all time steps; each thread runs its own sequences through the recurrence. */
  private void layerForward(int l, int in) {
    FloatBuffer x = acts.buffer();
    int g0 = gates[l], c0 = cell[l], tc0 = cellTanh[l], h0 = hid[l], bOff = bias[l];
    pool.run(B, (th, lo, hi) -> {
      int first = lo * T;
      // input products of every time step at once
      Kernels.linearRows(first, hi * T, acts, in, H, params, wx[l], bOff, G, acts, g0);
      for (int t = 0; t < T; t++) {
        if (t > 0) {
          // recurrent product for this thread's sequences: rows b·T + t (stride T rows)
          Blas.gemm(false, false, hi - lo, G, H, 1f, acts, h0 + (long) (first + t - 1) * H, T * H,
              params, wh[l], G, 1f, acts, g0 + (long) (first + t) * G, T * G);
        }
        for (int b = lo; b < hi; b++) {
          int r = b * T + t, go = g0 + r * G, co = r * H;
          for (int j = 0; j < H; j++) {
            float ig = Kernels.sigmoid(x.get(go + j));
            float fg = Kernels.sigmoid(x.get(go + H + j));
            float gg = Kernels.tanh(x.get(go + 2 * H + j));
            float og = Kernels.sigmoid(x.get(go + 3 * H + j));
            float cPrev = t > 0 ? x.get(c0 + co - H + j) : 0f;
            float c = fg * cPrev + ig * gg;
            float tc = Kernels.tanh(c);
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

  @Override
  public void lastTokenLosses(double[] out) {
    head.lastTokenLosses(out);
  }

  // ------------------------------------------------------------------------------------------
  // backward

  @Override
  public void backward() {
    if (lastInputs == null) throw new IllegalStateException("backward() needs a forward() first");
    int[] inputs = lastInputs;
    long t0 = StepProfile.start();
    grads.fill(0f);
    StepProfile.stop(StepProfile.Phase.ZERO_GRADS, t0);
    head.backward(acts, hid[L - 1], logits, params, wte, grads, lastTargets, dUp);
    NativeFloats up = dUp, down = dDown;
    for (int l = L - 1; l >= 0; l--) {
      t0 = StepProfile.start();
      layerBackward(l, l == 0 ? emb : hid[l - 1], up, down);
      StepProfile.stop(StepProfile.Phase.LSTM_CELL, t0);
      NativeFloats swap = up;
      up = down;
      down = swap;
    }
    // 'up' now holds the gradient at the embedding output
    t0 = StepProfile.start();
    Kernels.embeddingBackward(pool, BT, H, up.buffer(), grads.buffer(), wte, r -> inputs[r]);
    StepProfile.stop(StepProfile.Phase.EMBEDDING, t0);
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
    // dW_h += Σ_b h_b[0..T−2]ᵀ·dA_b[1..T−1], split over columns, sequences in order
    if (T > 1) {
      pool.run(G, (th, lo, hi) -> {
        for (int b = 0; b < B; b++) {
          Blas.gemm(true, false, H, hi - lo, T - 1, 1f, acts, h0 + (long) b * T * H, H,
              dGates, (long) (b * T + 1) * G + lo, G, 1f, grads, (long) wh[l] + lo, G);
        }
      });
    }
    // dW_x += Xᵀ·dA over all positions, bias: column sums, dX = dA·W_xᵀ
    Kernels.linearBackward(pool, BT, dGates, G, acts, in, H, params, grads, wx[l], bias[l], dIn, partial);
  }

  @Override
  public void close() {
    if (ownsPool) pool.close();
  }
}
