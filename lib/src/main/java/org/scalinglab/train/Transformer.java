package org.scalinglab.train;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * A GPT-2-style decoder-only transformer (see {@link TransformerConfig}) with hand-written forward
 * and backward passes.
 *
 * <h2>Why explicit passes instead of SameDiff</h2>
 * FACTS.md measured ND4J's SameDiff training this exact benchmark model at ≈0.3× PyTorch's CPU
 * speed although ND4J's BLAS is at parity with PyTorch's: the time went to per-op overhead,
 * threads waiting, and slow backward passes of layer norm, softmax and GELU; SameDiff also crashed
 * on {@code gather}/{@code split} inside {@code fit()} and prints one line per op to stdout. This
 * engine does what llm.c does for GPT-2 in C: every tensor (parameters, gradients, activations,
 * scratch) is preallocated once in native memory ({@link NativeFloats}); the matrix
 * products go to OpenBLAS {@code sgemm} directly on that memory ({@link Blas}); everything else —
 * embeddings, LayerNorm, softmax, GELU, residual adds, the loss — is a fused Java loop that the JIT
 * compiles, written once for the forward and once for the backward pass. A {@link WorkerPool}
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
  private static final float LN_EPS = 1e-5f;
  private static final float GELU_C = (float) Math.sqrt(2 / Math.PI);

  private final TransformerConfig cfg;
  private final int B, T, C, NH, HS, F, V, L, BT;
  private final WorkerPool pool;
  private final boolean ownsPool;

  // parameter layout
  private final int wte, wpe, lnfw, lnfb;
  private final int[] ln1w, ln1b, qkvw, qkvb, projw, projb, ln2w, ln2b, fcw, fcb, fcprojw, fcprojb;
  private final int numParams;
  private final boolean[] decayed;
  private final NativeFloats params, grads;

  // activations (offsets into acts)
  private final NativeFloats acts;
  private final int encoded, lnf, lnfMean, lnfRstd, logits;
  private final int[] ln1, ln1Mean, ln1Rstd, qkv, att, atty, res2, ln2, ln2Mean, ln2Rstd, fch, fchGelu, fchTanh, res3;
  // backward scratch
  private final NativeFloats dres, dtmp, dqkv, dfch, dlogits, dAtt;
  private final float[][] partialA, partialB;

  private int[] lastInputs, lastTargets;
  private final double[] rowLoss;

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

    Layout p = new Layout();
    wte = p.take((long) V * C);
    wpe = p.take((long) T * C);
    ln1w = new int[L]; ln1b = new int[L]; qkvw = new int[L]; qkvb = new int[L]; projw = new int[L]; projb = new int[L];
    ln2w = new int[L]; ln2b = new int[L]; fcw = new int[L]; fcb = new int[L]; fcprojw = new int[L]; fcprojb = new int[L];
    for (int l = 0; l < L; l++) {
      ln1w[l] = p.take(C); ln1b[l] = p.take(C);
      qkvw[l] = p.take((long) C * 3 * C); qkvb[l] = p.take(3L * C);
      projw[l] = p.take((long) C * C); projb[l] = p.take(C);
      ln2w[l] = p.take(C); ln2b[l] = p.take(C);
      fcw[l] = p.take((long) C * F); fcb[l] = p.take(F);
      fcprojw[l] = p.take((long) F * C); fcprojb[l] = p.take(C);
    }
    lnfw = p.take(C);
    lnfb = p.take(C);
    numParams = p.size();
    if (numParams != cfg.totalParams()) {
      throw new IllegalStateException("layout has " + numParams + " parameters, config says " + cfg.totalParams());
    }
    params = NativeFloats.zeros(numParams);
    grads = NativeFloats.zeros(numParams);
    decayed = new boolean[numParams];
    markDecayed(wte, (long) V * C);
    markDecayed(wpe, (long) T * C);
    for (int l = 0; l < L; l++) {
      markDecayed(qkvw[l], (long) C * 3 * C);
      markDecayed(projw[l], (long) C * C);
      markDecayed(fcw[l], (long) C * F);
      markDecayed(fcprojw[l], (long) F * C);
    }
    initialise(seed);

    Layout a = new Layout();
    encoded = a.take((long) BT * C);
    ln1 = new int[L]; ln1Mean = new int[L]; ln1Rstd = new int[L]; qkv = new int[L]; att = new int[L]; atty = new int[L];
    res2 = new int[L]; ln2 = new int[L]; ln2Mean = new int[L]; ln2Rstd = new int[L]; fch = new int[L]; fchGelu = new int[L];
    fchTanh = new int[L]; res3 = new int[L];
    for (int l = 0; l < L; l++) {
      ln1[l] = a.take((long) BT * C); ln1Mean[l] = a.take(BT); ln1Rstd[l] = a.take(BT);
      qkv[l] = a.take((long) BT * 3 * C);
      att[l] = a.take((long) B * NH * T * T);
      atty[l] = a.take((long) BT * C);
      res2[l] = a.take((long) BT * C);
      ln2[l] = a.take((long) BT * C); ln2Mean[l] = a.take(BT); ln2Rstd[l] = a.take(BT);
      fch[l] = a.take((long) BT * F); fchGelu[l] = a.take((long) BT * F); fchTanh[l] = a.take((long) BT * F);
      res3[l] = a.take((long) BT * C);
    }
    lnf = a.take((long) BT * C); lnfMean = a.take(BT); lnfRstd = a.take(BT);
    logits = a.take((long) BT * V);
    acts = NativeFloats.zeros(a.size());

    dres = NativeFloats.zeros(BT * C);
    dtmp = NativeFloats.zeros(BT * C);
    dqkv = NativeFloats.zeros(BT * 3 * C);
    dfch = NativeFloats.zeros(BT * F);
    dlogits = NativeFloats.zeros(BT * V);
    dAtt = NativeFloats.zeros(pool.threads() * T * T);
    int widest = Math.max(Math.max(F, 3 * C), V);
    partialA = new float[pool.threads()][widest];
    partialB = new float[pool.threads()][widest];
    rowLoss = new double[BT];
  }

  /** Hands out consecutive offsets in a flat block. */
  private static final class Layout {
    private long size;

    int take(long n) {
      long off = size;
      size += n;
      if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("model too large for one float block");
      return (int) off;
    }

    int size() {
      return (int) size;
    }
  }

  private void markDecayed(int off, long n) {
    for (int i = 0; i < n; i++) decayed[off + i] = true;
  }

  private void initialise(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    FloatBuffer w = params.buffer();
    gaussian(w, rng, wte, (long) V * C, 0.02);
    gaussian(w, rng, wpe, (long) T * C, 0.02);
    double residualStd = 0.02 / Math.sqrt(2.0 * L);
    for (int l = 0; l < L; l++) {
      fill(w, ln1w[l], C, 1f);
      gaussian(w, rng, qkvw[l], (long) C * 3 * C, 0.02);
      gaussian(w, rng, projw[l], (long) C * C, residualStd);
      fill(w, ln2w[l], C, 1f);
      gaussian(w, rng, fcw[l], (long) C * F, 0.02);
      gaussian(w, rng, fcprojw[l], (long) F * C, residualStd);
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

  /** Offset of a named parameter tensor (for tests and the SameDiff oracle). */
  public int offsetOf(String name, int layer) {
    return switch (name) {
      case "wte" -> wte;
      case "wpe" -> wpe;
      case "ln1w" -> ln1w[layer];
      case "ln1b" -> ln1b[layer];
      case "qkvw" -> qkvw[layer];
      case "qkvb" -> qkvb[layer];
      case "projw" -> projw[layer];
      case "projb" -> projb[layer];
      case "ln2w" -> ln2w[layer];
      case "ln2b" -> ln2b[layer];
      case "fcw" -> fcw[layer];
      case "fcb" -> fcb[layer];
      case "fcprojw" -> fcprojw[layer];
      case "fcprojb" -> fcprojb[layer];
      case "lnfw" -> lnfw;
      case "lnfb" -> lnfb;
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
    // embeddings
    pool.run(BT, (th, lo, hi) -> {
      for (int r = lo; r < hi; r++) {
        int t = r % T, tok = inputs[r];
        int o = encoded + r * C, e = wte + tok * C, p = wpe + t * C;
        for (int c = 0; c < C; c++) x.put(o + c, w.get(e + c) + w.get(p + c));
      }
    });
    int resIn = encoded;
    for (int l = 0; l < L; l++) {
      layerNormForward(x, resIn, ln1[l], ln1Mean[l], ln1Rstd[l], w, ln1w[l], ln1b[l]);
      linearForward(acts, ln1[l], C, qkvw[l], qkvb[l], 3 * C, qkv[l]);
      attentionForward(l);
      linearForward(acts, atty[l], C, projw[l], projb[l], C, res2[l]);
      addInPlace(x, res2[l], resIn, BT * C);
      layerNormForward(x, res2[l], ln2[l], ln2Mean[l], ln2Rstd[l], w, ln2w[l], ln2b[l]);
      linearForward(acts, ln2[l], C, fcw[l], fcb[l], F, fch[l]);
      geluForward(x, fch[l], fchGelu[l], fchTanh[l], BT * F);
      linearForward(acts, fchGelu[l], F, fcprojw[l], fcprojb[l], C, res3[l]);
      addInPlace(x, res3[l], res2[l], BT * C);
      resIn = res3[l];
    }
    layerNormForward(x, resIn, lnf, lnfMean, lnfRstd, w, lnfw, lnfb);
    Blas.gemmRows(pool, true, BT, V, C, 1f, acts, lnf, C, params, wte, C, 0f, acts, logits, V);
    // softmax + cross-entropy, probabilities written over the logits
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

  /** out[BT×oc] = in[BT×ic]·W[ic×oc] + b, rows split across threads. */
  private void linearForward(NativeFloats src, int in, int ic, int wOff, int bOff, int oc, int out) {
    FloatBuffer x = acts.buffer(), w = params.buffer();
    pool.run(BT, (th, lo, hi) -> {
      for (int r = lo; r < hi; r++) {
        int o = out + r * oc;
        for (int j = 0; j < oc; j++) x.put(o + j, w.get(bOff + j));
      }
      Blas.gemm(false, false, hi - lo, oc, ic, 1f, src, in + (long) lo * ic, ic, params, wOff, oc, 1f, acts, out + (long) lo * oc, oc);
    });
  }

  private void layerNormForward(FloatBuffer x, int in, int out, int meanOff, int rstdOff, FloatBuffer w, int gOff, int bOff) {
    pool.run(BT, (th, lo, hi) -> {
      for (int r = lo; r < hi; r++) {
        int i = in + r * C, o = out + r * C;
        double s = 0;
        for (int c = 0; c < C; c++) s += x.get(i + c);
        float mean = (float) (s / C);
        double v = 0;
        for (int c = 0; c < C; c++) {
          float d = x.get(i + c) - mean;
          v += d * d;
        }
        float rstd = (float) (1 / Math.sqrt(v / C + LN_EPS));
        for (int c = 0; c < C; c++) {
          x.put(o + c, (x.get(i + c) - mean) * rstd * w.get(gOff + c) + w.get(bOff + c));
        }
        x.put(meanOff + r, mean);
        x.put(rstdOff + r, rstd);
      }
    });
  }

  private void addInPlace(FloatBuffer x, int dst, int src, int n) {
    pool.run(n, (th, lo, hi) -> {
      for (int i = lo; i < hi; i++) x.put(dst + i, x.get(dst + i) + x.get(src + i));
    });
  }

  private void geluForward(FloatBuffer x, int in, int out, int tanhOut, int n) {
    pool.run(n, (th, lo, hi) -> {
      for (int i = lo; i < hi; i++) {
        float u = x.get(in + i);
        float th2 = tanh(GELU_C * (u + 0.044715f * u * u * u));
        x.put(tanhOut + i, th2);
        x.put(out + i, 0.5f * u * (1f + th2));
      }
    });
  }

  /** tanh through one exp (Math.exp is a JIT intrinsic; Math.tanh is not). */
  private static float tanh(float z) {
    if (z > 15f) return 1f;
    if (z < -15f) return -1f;
    float e = FastExp.exp(2 * z);
    return (e - 1f) / (e + 1f);
  }

  private void attentionForward(int l) {
    FloatBuffer x = acts.buffer();
    float scale = (float) (1 / Math.sqrt(HS));
    int q0 = qkv[l], a0 = att[l], y0 = atty[l];
    pool.run(B * NH, (th, lo, hi) -> {
      for (int bh = lo; bh < hi; bh++) {
        int b = bh / NH, h = bh % NH;
        long q = q0 + (long) b * T * 3 * C + h * HS, k = q + C, v = q + 2L * C;
        int a = a0 + bh * T * T;
        Blas.gemm(false, true, T, T, HS, scale, acts, q, 3 * C, acts, k, 3 * C, 0f, acts, a, T);
        for (int t = 0; t < T; t++) {
          int row = a + t * T;
          float max = Float.NEGATIVE_INFINITY;
          for (int s = 0; s <= t; s++) max = Math.max(max, x.get(row + s));
          float sum = 0;
          for (int s = 0; s <= t; s++) {
            float e = FastExp.exp(x.get(row + s) - max);
            x.put(row + s, e);
            sum += e;
          }
          float inv = 1f / sum;
          for (int s = 0; s <= t; s++) x.put(row + s, x.get(row + s) * inv);
          for (int s = t + 1; s < T; s++) x.put(row + s, 0f);
        }
        Blas.gemm(false, false, T, HS, T, 1f, acts, a, T, acts, v, 3 * C, 0f, acts, y0 + (long) b * T * C + h * HS, C);
      }
    });
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
    FloatBuffer x = acts.buffer(), w = params.buffer(), g = grads.buffer();
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
    // head (tied): dlnf = dlogits·W_te ; dW_te += dlogitsᵀ·lnf
    Blas.gemmRows(pool, false, BT, C, V, 1f, dlogits, 0, V, params, wte, C, 0f, dtmp, 0, C);
    Blas.gemmTransAColumns(pool, V, C, BT, 1f, dlogits, 0, V, acts, lnf, C, 1f, grads, wte, C);
    int lastRes = L > 0 ? res3[L - 1] : encoded;
    dres.fill(0f);
    layerNormBackward(dtmp, lastRes, lnfMean, lnfRstd, lnfw, lnfw, lnfb, dres);
    for (int l = L - 1; l >= 0; l--) {
      int resIn = l == 0 ? encoded : res3[l - 1];
      // MLP: res3 = res2 + fcGelu·Wfp + bfp
      linearBackward(dres, C, fchGelu[l], F, fcprojw[l], fcprojb[l], dfch);
      geluBackward(x, fch[l], fchTanh[l], dfch, BT * F);
      linearBackward(dfch, F, ln2[l], C, fcw[l], fcb[l], dtmp);
      layerNormBackward(dtmp, res2[l], ln2Mean[l], ln2Rstd[l], ln2w[l], ln2w[l], ln2b[l], dres);
      // attention: res2 = resIn + atty·Wp + bp
      linearBackward(dres, C, atty[l], C, projw[l], projb[l], dtmp);
      attentionBackward(l);
      linearBackward(dqkv, 3 * C, ln1[l], C, qkvw[l], qkvb[l], dtmp);
      layerNormBackward(dtmp, resIn, ln1Mean[l], ln1Rstd[l], ln1w[l], ln1w[l], ln1b[l], dres);
    }
    // embeddings: split over channels so each gradient entry has one writer and a fixed order
    FloatBuffer dr = dres.buffer();
    pool.run(C, (th, lo, hi) -> {
      for (int r = 0; r < BT; r++) {
        int e = wte + inputs[r] * C, p = wpe + (r % T) * C, d = r * C;
        for (int c = lo; c < hi; c++) {
          float v = dr.get(d + c);
          g.put(e + c, g.get(e + c) + v);
          g.put(p + c, g.get(p + c) + v);
        }
      }
    });
  }

  /**
   * For y = in·W + b with upstream gradient dy[BT×oc]: dW += inᵀ·dy, db += column sums of dy,
   * and din = dy·Wᵀ written (not added) to {@code dIn}.
   */
  private void linearBackward(NativeFloats dy, int oc, int in, int ic, int wOff, int bOff, NativeFloats dIn) {
    FloatBuffer d = dy.buffer(), g = grads.buffer();
    Blas.gemmTransAColumns(pool, ic, oc, BT, 1f, acts, in, ic, dy, 0, oc, 1f, grads, wOff, oc);
    pool.run(oc, (th, lo, hi) -> {
      float[] acc = partialA[th];
      for (int j = lo; j < hi; j++) acc[j] = 0f;
      for (int r = 0; r < BT; r++) {
        int o = r * oc;
        for (int j = lo; j < hi; j++) acc[j] += d.get(o + j);
      }
      for (int j = lo; j < hi; j++) g.put(bOff + j, g.get(bOff + j) + acc[j]);
    });
    Blas.gemmRows(pool, true, BT, ic, oc, 1f, dy, 0, oc, params, wOff, oc, 0f, dIn, 0, ic);
  }

  /**
   * LayerNorm backward. {@code dOut} is the gradient at the norm's output; adds the input
   * gradient into {@code dIn} and the gain/bias gradients into the grads (partial sums per thread,
   * added in thread order).
   */
  private void layerNormBackward(NativeFloats dOut, int in, int meanOff, int rstdOff, int gain,
      int gGain, int gBias, NativeFloats dIn) {
    FloatBuffer x = acts.buffer(), w = params.buffer(), dy = dOut.buffer(), dx = dIn.buffer(), g = grads.buffer();
    int threads = Math.min(pool.threads(), BT);
    pool.run(BT, (th, lo, hi) -> {
      float[] dgain = partialA[th], dbias = partialB[th];
      for (int c = 0; c < C; c++) {
        dgain[c] = 0f;
        dbias[c] = 0f;
      }
      for (int r = lo; r < hi; r++) {
        int i = in + r * C, o = r * C;
        float mean = x.get(meanOff + r), rstd = x.get(rstdOff + r);
        float sumD = 0, sumDX = 0;
        for (int c = 0; c < C; c++) {
          float xhat = (x.get(i + c) - mean) * rstd;
          float dn = dy.get(o + c) * w.get(gain + c);
          sumD += dn;
          sumDX += dn * xhat;
        }
        float meanD = sumD / C, meanDX = sumDX / C;
        for (int c = 0; c < C; c++) {
          float xhat = (x.get(i + c) - mean) * rstd;
          float dyc = dy.get(o + c);
          dbias[c] += dyc;
          dgain[c] += dyc * xhat;
          float dn = dyc * w.get(gain + c);
          dx.put(o + c, dx.get(o + c) + rstd * (dn - meanD - xhat * meanDX));
        }
      }
    });
    for (int t = 0; t < threads; t++) {
      float[] dgain = partialA[t], dbias = partialB[t];
      for (int c = 0; c < C; c++) {
        g.put(gGain + c, g.get(gGain + c) + dgain[c]);
        g.put(gBias + c, g.get(gBias + c) + dbias[c]);
      }
    }
  }

  /** In place: d (gradient at the GELU output) becomes the gradient at its input. */
  private void geluBackward(FloatBuffer x, int in, int tanhOff, NativeFloats d, int n) {
    FloatBuffer dd = d.buffer();
    pool.run(n, (th, lo, hi) -> {
      for (int i = lo; i < hi; i++) {
        float u = x.get(in + i), t = x.get(tanhOff + i);
        float dt = GELU_C * (1f + 3f * 0.044715f * u * u) * (1f - t * t);
        float grad = 0.5f * (1f + t) + 0.5f * u * dt;
        dd.put(i, dd.get(i) * grad);
      }
    });
  }

  /** dtmp holds d(atty); writes d(qkv). */
  private void attentionBackward(int l) {
    FloatBuffer x = acts.buffer(), da = dAtt.buffer();
    float scale = (float) (1 / Math.sqrt(HS));
    int q0 = qkv[l], a0 = att[l];
    pool.run(B * NH, (th, lo, hi) -> {
      int s0 = th * T * T;
      for (int bh = lo; bh < hi; bh++) {
        int b = bh / NH, h = bh % NH;
        long qo = (long) b * T * 3 * C + h * HS;
        long q = q0 + qo, k = q + C, v = q + 2L * C;
        long dy = (long) b * T * C + h * HS;
        int a = a0 + bh * T * T;
        // dP = dY·Vᵀ
        Blas.gemm(false, true, T, T, HS, 1f, dtmp, dy, C, acts, v, 3 * C, 0f, dAtt, s0, T);
        // dV = Pᵀ·dY
        Blas.gemm(true, false, T, HS, T, 1f, acts, a, T, dtmp, dy, C, 0f, dqkv, qo + 2L * C, 3 * C);
        // softmax backward, scaled: dS = scale · P ∘ (dP − rowsum(P ∘ dP))
        for (int t = 0; t < T; t++) {
          int pr = a + t * T, dr = s0 + t * T;
          float dot = 0;
          for (int s = 0; s <= t; s++) dot += x.get(pr + s) * da.get(dr + s);
          for (int s = 0; s <= t; s++) da.put(dr + s, scale * x.get(pr + s) * (da.get(dr + s) - dot));
          for (int s = t + 1; s < T; s++) da.put(dr + s, 0f);
        }
        // dQ = dS·K ; dK = dSᵀ·Q
        Blas.gemm(false, false, T, HS, T, 1f, dAtt, s0, T, acts, k, 3 * C, 0f, dqkv, qo, 3 * C);
        Blas.gemm(true, false, T, HS, T, 1f, dAtt, s0, T, acts, q, 3 * C, 0f, dqkv, qo + C, 3 * C);
      }
    });
  }

  @Override
  public void close() {
    if (ownsPool) pool.close();
  }
}
