package org.scalinglab.train;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * A GPT-2-style decoder-only transformer (see {@link TransformerConfig}) with hand-written forward
 * and backward passes.
 *
 * <h2>Why explicit passes instead of SameDiff</h2>
 * ND4J 1.0.0-M2.1's SameDiff trained this exact benchmark model (the {@code scalinglab bench train}
 * shape, Adam) at ≈3.5k tokens/s against PyTorch 1.13 CPU's ≈12.2k on the same 2-core machine
 * (measured 2026-11-22): ≈0.3× PyTorch's speed although ND4J's BLAS is at parity with PyTorch's: the time went to per-op overhead,
 * threads waiting, and slow backward passes of layer norm, softmax and GELU; SameDiff also crashed
 * on {@code gather}/{@code split} inside {@code fit()} and prints one line per op to stdout. This
 * engine does what llm.c does for GPT-2 in C: every tensor (parameters, gradients, activations,
 * scratch) is preallocated once in native memory ({@link NativeFloats}); the matrix
 * products go to OpenBLAS {@code sgemm} directly on that memory ({@link Blas}); everything else —
 * embeddings, LayerNorm, softmax, GELU, residual adds, the loss — is a fused Java loop that the JIT
 * compiles, written once for the forward and once for the backward pass ({@link Kernels}, shared
 * with the LSTM, as is the tied output head, {@link TiedSoftmaxHead}). A {@link WorkerPool}
 * splits each step into fixed chunks of rows, columns or (sequence, head) pairs, so the result is
 * bit-identical for a given thread count. Gradients are proven against finite differences and
 * against SameDiff's automatic differentiation in the tests.
 *
 * <h2>Conventions</h2>
 * Matrices are row-major and stored input-major ({@code W[in][out]}), so a linear layer is
 * {@code y = x·W + b}. GELU is the tanh approximation used by GPT-2
 * ({@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}, Hendrycks &amp; Gimpel 2016, eq. in §2).
 * LayerNorm uses ε = 1e-5. Initialisation follows GPT-2: weights N(0, 0.02²), the two residual
 * output projections N(0, (0.02/√(2L))²), biases 0, norm gains 1.
 */
public final class Transformer implements LanguageModel {
  private final TransformerConfig cfg;
  private final int B, T, C, NH, HS, F, V, L, BT;
  private final WorkerPool pool;
  private final boolean ownsPool;

  /** Offsets of one block's parameters in the parameter block. */
  private static final class BlockParams {
    final int ln1w, ln1b, qkvw, qkvb, projw, projb, ln2w, ln2b, fcw, fcb, fcprojw, fcprojb;

    BlockParams(ParamLayout p, int l, int C, int F) {
      ln1w = p.add("ln1w", l, C, false);
      ln1b = p.add("ln1b", l, C, false);
      qkvw = p.add("qkvw", l, (long) C * 3 * C, true);
      qkvb = p.add("qkvb", l, 3L * C, false);
      projw = p.add("projw", l, (long) C * C, true);
      projb = p.add("projb", l, C, false);
      ln2w = p.add("ln2w", l, C, false);
      ln2b = p.add("ln2b", l, C, false);
      fcw = p.add("fcw", l, (long) C * F, true);
      fcb = p.add("fcb", l, F, false);
      fcprojw = p.add("fcprojw", l, (long) F * C, true);
      fcprojb = p.add("fcprojb", l, C, false);
    }
  }

  /** Offsets of one block's activations in the activation block. */
  private static final class BlockActs {
    final int ln1, ln1Mean, ln1Rstd, qkv, att, atty, res2, ln2, ln2Mean, ln2Rstd, fch, fchGelu, fchTanh, res3;

    BlockActs(ParamLayout a, int l, int B, int T, int C, int NH, int F) {
      int BT = B * T;
      ln1 = a.add("ln1", l, (long) BT * C);
      ln1Mean = a.add("ln1Mean", l, BT);
      ln1Rstd = a.add("ln1Rstd", l, BT);
      qkv = a.add("qkv", l, (long) BT * 3 * C);
      att = a.add("att", l, (long) B * NH * T * T);
      atty = a.add("atty", l, (long) BT * C);
      res2 = a.add("res2", l, (long) BT * C);
      ln2 = a.add("ln2", l, (long) BT * C);
      ln2Mean = a.add("ln2Mean", l, BT);
      ln2Rstd = a.add("ln2Rstd", l, BT);
      fch = a.add("fch", l, (long) BT * F);
      fchGelu = a.add("fchGelu", l, (long) BT * F);
      fchTanh = a.add("fchTanh", l, (long) BT * F);
      res3 = a.add("res3", l, (long) BT * C);
    }
  }

  private final ParamLayout layout;
  private final int wte, wpe, lnfw, lnfb;
  private final BlockParams[] blocks;
  private final boolean[] decayed;
  private final NativeFloats params, grads;

  private final NativeFloats acts;
  private final int encoded, lnf, lnfMean, lnfRstd, logits;
  private final BlockActs[] blockActs;
  private final TiedSoftmaxHead head;
  // backward scratch
  private final NativeFloats dres, dtmp, dqkv, dfch, dAtt;
  private final float[][] partialA, partialB;

  private int[] lastInputs, lastTargets;

  /** A transformer with its own worker pool of {@code threads} threads. */
  public Transformer(TransformerConfig cfg, int batch, long seed, int threads) {
    this(cfg, batch, seed, new WorkerPool(threads), true);
  }

  /** A transformer on a shared worker pool (not closed by {@link #close()}). */
  public Transformer(TransformerConfig cfg, int batch, long seed, WorkerPool pool) {
    this(cfg, batch, seed, pool, false);
  }

  private Transformer(TransformerConfig cfg, int batch, long seed, WorkerPool pool, boolean ownsPool) {
    if (batch <= 0) throw new IllegalArgumentException("batch must be positive, got " + batch);
    Blas.init();
    this.cfg = cfg;
    this.pool = pool;
    this.ownsPool = ownsPool;
    B = batch;
    T = cfg.context();
    C = cfg.dModel();
    NH = cfg.heads();
    HS = cfg.headSize();
    F = cfg.dFf();
    V = cfg.vocab();
    L = cfg.layers();
    BT = B * T;

    layout = new ParamLayout();
    wte = layout.add("wte", (long) V * C, true);
    wpe = layout.add("wpe", (long) T * C, true);
    blocks = new BlockParams[L];
    for (int l = 0; l < L; l++) blocks[l] = new BlockParams(layout, l, C, F);
    lnfw = layout.add("lnfw", C, false);
    lnfb = layout.add("lnfb", C, false);
    int numParams = layout.size();
    if (numParams != cfg.totalParams()) {
      throw new IllegalStateException("layout has " + numParams + " parameters, config says " + cfg.totalParams());
    }
    params = NativeFloats.zeros(numParams);
    grads = NativeFloats.zeros(numParams);
    decayed = layout.decayedMask();
    initialise(seed);

    ParamLayout a = new ParamLayout();
    encoded = a.add("encoded", (long) BT * C);
    blockActs = new BlockActs[L];
    for (int l = 0; l < L; l++) blockActs[l] = new BlockActs(a, l, B, T, C, NH, F);
    lnf = a.add("lnf", (long) BT * C);
    lnfMean = a.add("lnfMean", BT);
    lnfRstd = a.add("lnfRstd", BT);
    logits = a.add("logits", (long) BT * V);
    acts = NativeFloats.zeros(a.size());
    head = new TiedSoftmaxHead(BT, C, V, pool);

    dres = NativeFloats.zeros(BT * C);
    dtmp = NativeFloats.zeros(BT * C);
    dqkv = NativeFloats.zeros(BT * 3 * C);
    dfch = NativeFloats.zeros(BT * F);
    dAtt = NativeFloats.zeros(pool.threads() * T * T);
    int widest = Math.max(Math.max(F, 3 * C), V);
    partialA = new float[pool.threads()][widest];
    partialB = new float[pool.threads()][widest];
  }

  private void initialise(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    FloatBuffer w = params.buffer();
    gaussian(w, rng, wte, (long) V * C, 0.02);
    gaussian(w, rng, wpe, (long) T * C, 0.02);
    double residualStd = 0.02 / Math.sqrt(2.0 * L);
    for (BlockParams p : blocks) {
      fill(w, p.ln1w, C, 1f);
      gaussian(w, rng, p.qkvw, (long) C * 3 * C, 0.02);
      gaussian(w, rng, p.projw, (long) C * C, residualStd);
      fill(w, p.ln2w, C, 1f);
      gaussian(w, rng, p.fcw, (long) C * F, 0.02);
      gaussian(w, rng, p.fcprojw, (long) F * C, residualStd);
    }
    fill(w, lnfw, C, 1f);
  }

  private static void gaussian(FloatBuffer w, SplittableRandom rng, int off, long n, double std) {
    for (int i = 0; i < n; i++) w.put(off + i, (float) (std * rng.nextGaussian()));
  }

  private static void fill(FloatBuffer w, int off, int n, float v) {
    for (int i = 0; i < n; i++) w.put(off + i, v);
  }

  public TransformerConfig config() {
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
  @Override public String describe() { return "transformer " + cfg.name(); }

  /**
   * Offset of a parameter tensor (for tests and the SameDiff oracle): {@code wte}, {@code wpe},
   * {@code lnfw}, {@code lnfb}, or per layer {@code ln1w ln1b qkvw qkvb projw projb ln2w ln2b fcw
   * fcb fcprojw fcprojb}.
   */
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
        int t = r % T, tok = inputs[r];
        int o = encoded + r * C, e = wte + tok * C, p = wpe + t * C;
        for (int c = 0; c < C; c++) x.put(o + c, w.get(e + c) + w.get(p + c));
      }
    });
    StepProfile.stop(StepProfile.Phase.EMBEDDING, t0);
    int resIn = encoded;
    for (int l = 0; l < L; l++) {
      BlockParams p = blocks[l];
      BlockActs a = blockActs[l];
      layerNorm(resIn, a.ln1, a.ln1Mean, a.ln1Rstd, p.ln1w, p.ln1b);
      linear(a.ln1, C, p.qkvw, p.qkvb, 3 * C, a.qkv);
      attentionForward(a);
      linear(a.atty, C, p.projw, p.projb, C, a.res2);
      residual(a.res2, resIn);
      layerNorm(a.res2, a.ln2, a.ln2Mean, a.ln2Rstd, p.ln2w, p.ln2b);
      linear(a.ln2, C, p.fcw, p.fcb, F, a.fch);
      t0 = StepProfile.start();
      Kernels.geluForward(pool, BT * F, x, a.fch, a.fchGelu, a.fchTanh);
      StepProfile.stop(StepProfile.Phase.GELU, t0);
      linear(a.fchGelu, F, p.fcprojw, p.fcprojb, C, a.res3);
      residual(a.res3, a.res2);
      resIn = a.res3;
    }
    layerNorm(resIn, lnf, lnfMean, lnfRstd, lnfw, lnfb);
    return head.forward(acts, lnf, logits, params, wte, targets);
  }

  private void layerNorm(int in, int out, int mean, int rstd, int gain, int bias) {
    long t0 = StepProfile.start();
    Kernels.layerNormForward(pool, BT, C, acts.buffer(), in, out, mean, rstd, params.buffer(), gain, bias);
    StepProfile.stop(StepProfile.Phase.LAYER_NORM, t0);
  }

  private void linear(int in, int ic, int wOff, int bOff, int oc, int out) {
    long t0 = StepProfile.start();
    Kernels.linearForward(pool, BT, acts, in, ic, params, wOff, bOff, oc, acts, out);
    StepProfile.stop(StepProfile.Phase.LINEAR, t0);
  }

  private void residual(int dst, int src) {
    long t0 = StepProfile.start();
    Kernels.addInPlace(pool, BT * C, acts.buffer(), dst, src);
    StepProfile.stop(StepProfile.Phase.RESIDUAL, t0);
  }

  /**
   * Causal attention per (sequence, head), in two row blocks so that the products skip most of the
   * masked upper triangle: with m = T/2, rows [0, m) only see keys [0, m) and rows [m, T) see keys
   * [0, T), so QKᵀ and PV cost m² + (T−m)·T instead of T² multiply-adds per head (75% for even T).
   * The block above the diagonal, rows [0, m) × keys [m, T), is never written nor read.
   */
  private void attentionForward(BlockActs l) {
    long t0 = StepProfile.start();
    FloatBuffer x = acts.buffer();
    float scale = (float) (1 / Math.sqrt(HS));
    int q0 = l.qkv, a0 = l.att, y0 = l.atty, m = T / 2;
    long[] softmaxNanos = {0};
    pool.run(B * NH, (th, lo, hi) -> {
      float[] p = new float[T]; // one row of scores, then probabilities, on the heap
      for (int bh = lo; bh < hi; bh++) {
        int b = bh / NH, h = bh % NH;
        long q = q0 + (long) b * T * 3 * C + h * HS, k = q + C, v = q + 2L * C;
        long y = y0 + (long) b * T * C + h * HS;
        int a = a0 + bh * T * T;
        // S = scale·Q·Kᵀ, block by block
        Blas.gemm(false, true, m, m, HS, scale, acts, q, 3 * C, acts, k, 3 * C, 0f, acts, a, T);
        Blas.gemm(false, true, T - m, T, HS, scale, acts, q + (long) m * 3 * C, 3 * C, acts, k, 3 * C, 0f, acts, a + m * T, T);
        long s0 = th == 0 ? StepProfile.start() : 0L;
        for (int t = 0; t < T; t++) {
          int row = a + t * T, end = t < m ? m : T;
          x.get(row, p, 0, t + 1);
          float max = Float.NEGATIVE_INFINITY;
          for (int s = 0; s <= t; s++) max = Math.max(max, p[s]);
          float sum = 0;
          for (int s = 0; s <= t; s++) {
            float e = FastExp.exp(p[s] - max);
            p[s] = e;
            sum += e;
          }
          float inv = 1f / sum;
          for (int s = 0; s <= t; s++) p[s] *= inv;
          for (int s = t + 1; s < end; s++) p[s] = 0f;
          x.put(row, p, 0, end);
        }
        if (s0 != 0L) softmaxNanos[0] += System.nanoTime() - s0;
        // Y = P·V, block by block
        Blas.gemm(false, false, m, HS, m, 1f, acts, a, T, acts, v, 3 * C, 0f, acts, y, C);
        Blas.gemm(false, false, T - m, HS, T, 1f, acts, a + m * T, T, acts, v, 3 * C, 0f, acts, y + (long) m * C, C);
      }
    });
    attentionTimes(t0, softmaxNanos[0]);
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
    FloatBuffer x = acts.buffer(), g = grads.buffer();
    long t0 = StepProfile.start();
    grads.fill(0f);
    StepProfile.stop(StepProfile.Phase.ZERO_GRADS, t0);
    head.backward(acts, lnf, logits, params, wte, grads, lastTargets, dtmp);
    int lastRes = L > 0 ? blockActs[L - 1].res3 : encoded;
    dres.fill(0f);
    layerNormBackward(lastRes, lnfMean, lnfRstd, lnfw, lnfb);
    for (int l = L - 1; l >= 0; l--) {
      BlockParams p = blocks[l];
      BlockActs a = blockActs[l];
      int resIn = l == 0 ? encoded : blockActs[l - 1].res3;
      // MLP: res3 = res2 + fcGelu·Wfp + bfp
      linearBackward(dres, C, a.fchGelu, F, p.fcprojw, p.fcprojb, dfch);
      t0 = StepProfile.start();
      Kernels.geluBackward(pool, BT * F, x, a.fch, a.fchTanh, dfch.buffer());
      StepProfile.stop(StepProfile.Phase.GELU, t0);
      linearBackward(dfch, F, a.ln2, C, p.fcw, p.fcb, dtmp);
      layerNormBackward(a.res2, a.ln2Mean, a.ln2Rstd, p.ln2w, p.ln2b);
      // attention: res2 = resIn + atty·Wp + bp
      linearBackward(dres, C, a.atty, C, p.projw, p.projb, dtmp);
      attentionBackward(a);
      linearBackward(dqkv, 3 * C, a.ln1, C, p.qkvw, p.qkvb, dtmp);
      layerNormBackward(resIn, a.ln1Mean, a.ln1Rstd, p.ln1w, p.ln1b);
    }
    t0 = StepProfile.start();
    FloatBuffer dr = dres.buffer();
    Kernels.embeddingBackward(pool, BT, C, dr, g, wte, r -> inputs[r]);
    Kernels.embeddingBackward(pool, BT, C, dr, g, wpe, r -> r % T);
    StepProfile.stop(StepProfile.Phase.EMBEDDING, t0);
  }

  private void linearBackward(NativeFloats dy, int oc, int in, int ic, int wOff, int bOff, NativeFloats dIn) {
    long t0 = StepProfile.start();
    Kernels.linearBackward(pool, BT, dy, oc, acts, in, ic, params, grads, wOff, bOff, dIn, partialA);
    StepProfile.stop(StepProfile.Phase.LINEAR, t0);
  }

  /** LayerNorm backward from d(output) in {@code dtmp}, adding d(input) into {@code dres}. */
  private void layerNormBackward(int in, int mean, int rstd, int gain, int bias) {
    long t0 = StepProfile.start();
    Kernels.layerNormBackward(pool, BT, C, acts.buffer(), in, mean, rstd, params.buffer(), gain, dtmp.buffer(),
        dres.buffer(), grads.buffer(), gain, bias, partialA, partialB);
    StepProfile.stop(StepProfile.Phase.LAYER_NORM, t0);
  }

  /** dtmp holds d(atty); writes d(qkv). The same two row blocks as {@link #attentionForward}. */
  private void attentionBackward(BlockActs l) {
    long t0 = StepProfile.start();
    FloatBuffer x = acts.buffer(), da = dAtt.buffer();
    float scale = (float) (1 / Math.sqrt(HS));
    int q0 = l.qkv, a0 = l.att, m = T / 2;
    long[] softmaxNanos = {0};
    pool.run(B * NH, (th, lo, hi) -> {
      int s0 = th * T * T;
      float[] p = new float[T], dp = new float[T]; // one row of P and of dP, on the heap
      for (int bh = lo; bh < hi; bh++) {
        int b = bh / NH, h = bh % NH;
        long qo = (long) b * T * 3 * C + h * HS;
        long q = q0 + qo, k = q + C, v = q + 2L * C;
        long dy = (long) b * T * C + h * HS;
        long dq = qo, dk = qo + C, dv = qo + 2L * C;
        int a = a0 + bh * T * T;
        long mq = (long) m * 3 * C, my = (long) m * C;
        // dP = dY·Vᵀ
        Blas.gemm(false, true, m, m, HS, 1f, dtmp, dy, C, acts, v, 3 * C, 0f, dAtt, s0, T);
        Blas.gemm(false, true, T - m, T, HS, 1f, dtmp, dy + my, C, acts, v, 3 * C, 0f, dAtt, s0 + m * T, T);
        // dV = Pᵀ·dY: keys [0, m) are seen by all rows, keys [m, T) by rows [m, T)
        Blas.gemm(true, false, m, HS, T, 1f, acts, a, T, dtmp, dy, C, 0f, dqkv, dv, 3 * C);
        Blas.gemm(true, false, T - m, HS, T - m, 1f, acts, a + m * T + m, T, dtmp, dy + my, C, 0f, dqkv, dv + mq, 3 * C);
        // softmax backward, scaled: dS = scale · P ∘ (dP − rowsum(P ∘ dP))
        long ts = th == 0 ? StepProfile.start() : 0L;
        for (int t = 0; t < T; t++) {
          int pr = a + t * T, dr = s0 + t * T, end = t < m ? m : T;
          x.get(pr, p, 0, t + 1);
          da.get(dr, dp, 0, t + 1);
          float dot = 0;
          for (int s = 0; s <= t; s++) dot += p[s] * dp[s];
          for (int s = 0; s <= t; s++) dp[s] = scale * p[s] * (dp[s] - dot);
          for (int s = t + 1; s < end; s++) dp[s] = 0f;
          da.put(dr, dp, 0, end);
        }
        if (ts != 0L) softmaxNanos[0] += System.nanoTime() - ts;
        // dQ = dS·K ; dK = dSᵀ·Q
        Blas.gemm(false, false, m, HS, m, 1f, dAtt, s0, T, acts, k, 3 * C, 0f, dqkv, dq, 3 * C);
        Blas.gemm(false, false, T - m, HS, T, 1f, dAtt, s0 + m * T, T, acts, k, 3 * C, 0f, dqkv, dq + mq, 3 * C);
        Blas.gemm(true, false, m, HS, T, 1f, dAtt, s0, T, acts, q, 3 * C, 0f, dqkv, dk, 3 * C);
        Blas.gemm(true, false, T - m, HS, T - m, 1f, dAtt, s0 + m * T + m, T, acts, q + mq, 3 * C, 0f, dqkv, dk + mq, 3 * C);
      }
    });
    attentionTimes(t0, softmaxNanos[0]);
  }

  /** Splits an attention region's wall time into softmax (as measured on chunk 0) and the rest. */
  private static void attentionTimes(long t0, long softmaxNanos) {
    if (t0 == 0L) return;
    long total = System.nanoTime() - t0;
    StepProfile.add(StepProfile.Phase.ATTENTION_SOFTMAX, softmaxNanos);
    StepProfile.add(StepProfile.Phase.ATTENTION_MATMUL, total - softmaxNanos);
  }

  @Override
  public void close() {
    if (ownsPool) pool.close();
  }
}
