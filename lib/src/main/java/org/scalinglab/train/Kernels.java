package org.scalinglab.train;

import java.nio.FloatBuffer;
import java.util.function.IntUnaryOperator;

/**
 * The element-wise and small kernels that the transformer and the LSTM are built from, written
 * out llm.c-style: one static method per operation and direction, on flat float blocks addressed
 * by offset ({@link NativeFloats#buffer()}), each split over a {@link WorkerPool}'s fixed chunks so
 * results are bit-identical for a given thread count. Every reduction across chunks goes through
 * per-thread partial sums added in chunk order.
 *
 * <p>Conventions: row-major, {@code W[in][out]}, so a linear layer is {@code y = x·W + b};
 * LayerNorm with ε = 1e-5; GELU in GPT-2's tanh form (Hendrycks &amp; Gimpel 2016, §2).
 */
final class Kernels {
  static final float LN_EPS = 1e-5f;
  static final float GELU_C = (float) Math.sqrt(2 / Math.PI);

  private Kernels() {}

  /** Checks a batch of {@code n} input and target tokens against the vocabulary. */
  static void checkTokens(int[] inputs, int[] targets, int n, int vocab) {
    if (inputs.length != n || targets.length != n) {
      throw new IllegalArgumentException("expected " + n + " tokens, got " + inputs.length + " and " + targets.length);
    }
    for (int i = 0; i < n; i++) {
      if (inputs[i] < 0 || inputs[i] >= vocab || targets[i] < 0 || targets[i] >= vocab) {
        throw new IllegalArgumentException("token out of vocabulary [0, " + vocab + ") at position " + i);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // linear layers

  /** out[lo..hi) = in[lo..hi)·W + b for rows lo..hi of a {@code rows × ic} input (no threading). */
  static void linearRows(int lo, int hi, NativeFloats src, int in, int ic, NativeFloats params, int wOff, int bOff,
      int oc, NativeFloats dst, int out) {
    FloatBuffer x = dst.buffer();
    float[] bias = new float[oc];
    params.buffer().get(bOff, bias, 0, oc);
    for (int r = lo; r < hi; r++) x.put(out + r * oc, bias, 0, oc); // each row starts as the bias (bulk copies)
    Blas.gemm(false, false, hi - lo, oc, ic, 1f, src, in + (long) lo * ic, ic, params, wOff, oc, 1f, dst, out + (long) lo * oc, oc);
  }

  /** out[rows×oc] = in[rows×ic]·W[ic×oc] + b, rows split across threads. */
  static void linearForward(WorkerPool pool, int rows, NativeFloats src, int in, int ic, NativeFloats params, int wOff,
      int bOff, int oc, NativeFloats dst, int out) {
    pool.run(rows, (th, lo, hi) -> linearRows(lo, hi, src, in, ic, params, wOff, bOff, oc, dst, out));
  }

  /**
   * For y = in·W + b with upstream gradient dy[rows×oc] (from offset 0 of {@code dy}): dW += inᵀ·dy,
   * db += column sums of dy, and din = dy·Wᵀ written (not added) to {@code dIn} from offset 0.
   */
  static void linearBackward(WorkerPool pool, int rows, NativeFloats dy, int oc, NativeFloats acts, int in, int ic,
      NativeFloats params, NativeFloats grads, int wOff, int bOff, NativeFloats dIn, float[][] partial) {
    Blas.gemmTransAColumns(pool, ic, oc, rows, 1f, acts, in, ic, dy, 0, oc, 1f, grads, wOff, oc);
    biasBackward(pool, rows, oc, dy.buffer(), grads.buffer(), bOff, partial);
    Blas.gemmRows(pool, true, rows, ic, oc, 1f, dy, 0, oc, params, wOff, oc, 0f, dIn, 0, ic);
  }

  /**
   * g[bOff..bOff+width) += column sums of d[rows×width] (split over columns; rows summed in order,
   * each row's slice copied to the heap so the JIT vectorises the adds across columns).
   */
  static void biasBackward(WorkerPool pool, int rows, int width, FloatBuffer d, FloatBuffer g, int bOff, float[][] partial) {
    pool.run(width, (th, lo, hi) -> {
      float[] acc = partial[th];
      int len = hi - lo;
      float[] row = new float[len];
      for (int j = 0; j < len; j++) acc[j] = 0f;
      for (int r = 0; r < rows; r++) {
        d.get(r * width + lo, row, 0, len);
        for (int j = 0; j < len; j++) acc[j] += row[j];
      }
      for (int j = 0; j < len; j++) g.put(bOff + lo + j, g.get(bOff + lo + j) + acc[j]);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // embeddings

  /**
   * Embedding backward: for each row r, {@code g[table + index(r)·width + c] += d[r·width + c]}.
   * Split over channels, so each gradient entry has one writer and rows are added in order.
   */
  static void embeddingBackward(WorkerPool pool, int rows, int width, FloatBuffer d, FloatBuffer g, int table,
      IntUnaryOperator index) {
    pool.run(width, (th, lo, hi) -> {
      for (int r = 0; r < rows; r++) {
        int e = table + index.applyAsInt(r) * width, o = r * width;
        for (int c = lo; c < hi; c++) g.put(e + c, g.get(e + c) + d.get(o + c));
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // layer norm

  /**
   * LayerNorm of each row of {@code in} into {@code out}, keeping each row's mean and 1/σ. Each row
   * is copied to the heap: the sums stay sequential (in double, one fixed order), the normalising
   * pass is a loop over arrays that the JIT vectorises.
   */
  static void layerNormForward(WorkerPool pool, int rows, int C, FloatBuffer x, int in, int out, int meanOff, int rstdOff,
      FloatBuffer w, int gOff, int bOff) {
    pool.run(rows, (th, lo, hi) -> {
      float[] row = new float[C], y = new float[C], gain = new float[C], bias = new float[C];
      w.get(gOff, gain, 0, C);
      w.get(bOff, bias, 0, C);
      for (int r = lo; r < hi; r++) {
        x.get(in + r * C, row, 0, C);
        double s = 0;
        for (int c = 0; c < C; c++) s += row[c];
        float mean = (float) (s / C);
        double v = 0;
        for (int c = 0; c < C; c++) {
          float d = row[c] - mean;
          v += d * d;
        }
        float rstd = (float) (1 / Math.sqrt(v / C + LN_EPS));
        for (int c = 0; c < C; c++) y[c] = (row[c] - mean) * rstd * gain[c] + bias[c];
        x.put(out + r * C, y, 0, C);
        x.put(meanOff + r, mean);
        x.put(rstdOff + r, rstd);
      }
    });
  }

  /**
   * LayerNorm backward. {@code dy} (from offset 0) is the gradient at the norm's output; adds the
   * input gradient into {@code dx} (from offset 0) and the gain and bias gradients into {@code g}
   * (partial sums per chunk, added in chunk order). Rows are copied to the heap as in the forward pass.
   */
  static void layerNormBackward(WorkerPool pool, int rows, int C, FloatBuffer x, int in, int meanOff, int rstdOff,
      FloatBuffer w, int gain, FloatBuffer dy, FloatBuffer dx, FloatBuffer g, int gGain, int gBias,
      float[][] partialA, float[][] partialB) {
    int threads = Math.min(pool.threads(), rows);
    pool.run(rows, (th, lo, hi) -> {
      float[] dgain = partialA[th], dbias = partialB[th];
      float[] xr = new float[C], dyr = new float[C], dxr = new float[C], wg = new float[C], xhat = new float[C], dn = new float[C];
      w.get(gain, wg, 0, C);
      for (int c = 0; c < C; c++) {
        dgain[c] = 0f;
        dbias[c] = 0f;
      }
      for (int r = lo; r < hi; r++) {
        int o = r * C;
        x.get(in + o, xr, 0, C);
        dy.get(o, dyr, 0, C);
        dx.get(o, dxr, 0, C);
        float mean = x.get(meanOff + r), rstd = x.get(rstdOff + r);
        for (int c = 0; c < C; c++) {
          xhat[c] = (xr[c] - mean) * rstd;
          dn[c] = dyr[c] * wg[c];
        }
        float sumD = 0, sumDX = 0;
        for (int c = 0; c < C; c++) {
          sumD += dn[c];
          sumDX += dn[c] * xhat[c];
        }
        float meanD = sumD / C, meanDX = sumDX / C;
        for (int c = 0; c < C; c++) {
          dbias[c] += dyr[c];
          dgain[c] += dyr[c] * xhat[c];
          dxr[c] += rstd * (dn[c] - meanD - xhat[c] * meanDX);
        }
        dx.put(o, dxr, 0, C);
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

  // ---------------------------------------------------------------------------------------------
  // element-wise

  /** x[dst..dst+n) += x[src..src+n). */
  static void addInPlace(WorkerPool pool, int n, FloatBuffer x, int dst, int src) {
    pool.run(n, (th, lo, hi) -> {
      for (int i = lo; i < hi; i++) x.put(dst + i, x.get(dst + i) + x.get(src + i));
    });
  }

  /**
   * Elements a thread copies from native memory into its heap scratch at a time, for the loops
   * that the JIT vectorises only on {@code float[]} (C2 in JDK 17 does not vectorise loops over
   * direct buffers): 1,024 floats (4 KB) per array stay in L1.
   */
  static final int BLOCK = 1024;

  /**
   * GELU (tanh form) of n values; keeps the tanh for the backward pass. Each thread copies blocks
   * of its chunk into heap arrays, computes them with {@link #tanhRational} (a loop the JIT
   * vectorises: ≈0.5 ns per value against ≈7.5 ns with the exp-based {@link #tanh}, measured on
   * this 2-core machine, one thread) and copies the results back.
   */
  static void geluForward(WorkerPool pool, int n, FloatBuffer x, int in, int out, int tanhOut) {
    pool.run(n, (th, lo, hi) -> {
      float[] u = new float[BLOCK], g = new float[BLOCK], t = new float[BLOCK];
      for (int b = lo; b < hi; b += BLOCK) {
        int len = Math.min(BLOCK, hi - b);
        x.get(in + b, u, 0, len);
        geluBlock(u, g, t, len);
        x.put(out + b, g, 0, len);
        x.put(tanhOut + b, t, 0, len);
      }
    });
  }

  /** g = GELU(u), t = the tanh inside it, for the first len values (one loop, vectorised by the JIT). */
  static void geluBlock(float[] u, float[] g, float[] t, int len) {
    for (int i = 0; i < len; i++) {
      float ui = u[i];
      float ti = tanhRational(GELU_C * (ui + 0.044715f * ui * ui * ui));
      t[i] = ti;
      g[i] = 0.5f * ui * (1f + ti);
    }
  }

  /** In place: d (gradient at the GELU output, from offset 0) becomes the gradient at its input. */
  static void geluBackward(WorkerPool pool, int n, FloatBuffer x, int in, int tanhOff, FloatBuffer d) {
    pool.run(n, (th, lo, hi) -> {
      float[] u = new float[BLOCK], t = new float[BLOCK], dd = new float[BLOCK];
      for (int b = lo; b < hi; b += BLOCK) {
        int len = Math.min(BLOCK, hi - b);
        x.get(in + b, u, 0, len);
        x.get(tanhOff + b, t, 0, len);
        d.get(b, dd, 0, len);
        for (int i = 0; i < len; i++) {
          float ui = u[i], ti = t[i];
          float dt = GELU_C * (1f + 3f * 0.044715f * ui * ui) * (1f - ti * ti);
          dd[i] *= 0.5f * (1f + ti) + 0.5f * ui * dt;
        }
        d.put(b, dd, 0, len);
      }
    });
  }

  /** Where {@link #tanhRational} clamps: beyond it tanh is within float rounding of ±1. */
  private static final float TANH_CLAMP = 7.90531110763549805f;

  /**
   * tanh(z) in single precision as a 13/6 odd/even rational function of z on [−7.905, 7.905]
   * (clamped outside), with the coefficients of Eigen's {@code generic_fast_tanh_float}
   * (Eigen 3.3+, {@code MathFunctionsImpl.h}; the same as XLA's CPU tanh). Absolute error ≤ 3.2e-7
   * against {@code Math.tanh} (measured on 2²⁰ values of N(0, 4); the exp-based {@link #tanh} has
   * errors of the same order, from the cancellation in (e − 1)). Only multiplies, adds, a divide and
   * min/max, no branches, so a loop of it is vectorised by the JIT (the JDK has no float tanh and
   * {@code Math.tanh} is no intrinsic); written by hand for that reason.
   */
  static float tanhRational(float z) {
    z = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, z));
    float z2 = z * z;
    float p = -2.76076847742355e-16f;
    p = p * z2 + 2.00018790482477e-13f;
    p = p * z2 + -8.60467152213735e-11f;
    p = p * z2 + 5.12229709037114e-08f;
    p = p * z2 + 1.48572235717979e-05f;
    p = p * z2 + 6.37261928875436e-04f;
    p = p * z2 + 4.89352455891786e-03f;
    p = p * z;
    float q = 1.19825839466702e-06f;
    q = q * z2 + 1.18534705686654e-04f;
    q = q * z2 + 2.26843463243900e-03f;
    q = q * z2 + 4.89352518554385e-03f;
    return p / q;
  }

  /** tanh through one exp ({@link FastExp}; Math.tanh is not a JIT intrinsic). */
  static float tanh(float z) {
    if (z > 15f) return 1f;
    if (z < -15f) return -1f;
    float e = FastExp.exp(2 * z);
    return (e - 1f) / (e + 1f);
  }

  static float sigmoid(float z) {
    if (z < -80f) return 0f;
    return 1f / (1f + FastExp.exp(-z));
  }
}
