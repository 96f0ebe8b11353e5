package org.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scalinglab.hardware.TranscribedCudaKernels.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scalinglab.hardware.GpuKernel;
import org.scalinglab.hardware.TokenBuckets;

/**
 * The ALGORITHM of the GPU engine's CUDA kernels, transcribed to Java ({@link TranscribedCudaKernels}:
 * the same statements, run over the same (block, thread) indices, lanes of a warp explicit, the
 * kernels' own reduction orders), against the CPU engine ({@link Kernels}, {@link TiedSoftmaxHead},
 * {@link AdamW}, {@link Transformer}) on random inputs. It catches indexing, layout, launch-geometry
 * and formula mistakes before any GPU time is spent. It does NOT check the CUDA compilation (that is
 * {@code hardware.CudaKernelsTest}, with nvcc) nor anything only a GPU shows: races, warp
 * synchronisation, {@code expf}/{@code tanhf} as the GPU computes them, speed.
 *
 * <p>Tolerances: each kernel 1e-5 relative (|gpu − cpu| ≤ 1e-5·(|cpu| + 1e-3·max|cpu|) element by
 * element); a whole training step (forward, backward, every parameter gradient of a 2-layer model,
 * through the launch sequence a host issues, with cuBLAS's products as plain Java loops) 1e-4, the
 * issue's figure for the GPU check.
 */
class CudaKernelLogicTest {
  static WorkerPool pool;

  @BeforeAll
  static void setUp() {
    Blas.init();
    pool = new WorkerPool(2);
  }

  @AfterAll
  static void tearDown() {
    pool.close();
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  static float[] gaussian(SplittableRandom r, int n, double std, double mean) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) (mean + std * r.nextGaussian());
    return x;
  }

  static NativeFloats nativeOf(float[] x) {
    NativeFloats n = NativeFloats.zeros(x.length);
    n.copyFrom(x);
    return n;
  }

  static float[] slice(NativeFloats x, int off, int n) {
    return Arrays.copyOfRange(x.toArray(), off, off + n);
  }

  /** |a − e| ≤ rel·(|e| + 1e-3·max|e|) for every element. */
  static void assertClose(String what, float[] expected, float[] actual, double rel) {
    assertClose(what, expected, actual, rel, 1e-3);
  }

  /** |a − e| ≤ rel·(|e| + floor·max|e|) for every element. */
  static void assertClose(String what, float[] expected, float[] actual, double rel, double floor) {
    assertEquals(expected.length, actual.length, what + ": length");
    double scale = 0;
    for (float e : expected) scale = Math.max(scale, Math.abs(e));
    double worst = 0;
    int at = -1;
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(actual[i] - expected[i]) / (Math.abs(expected[i]) + floor * scale + Double.MIN_VALUE);
      if (!(err <= worst)) {
        worst = err;
        at = i;
      }
    }
    if (System.getProperty("logic.report") != null) System.out.printf("%-50s worst %.2e%n", what, worst);
    assertTrue(worst <= rel, what + ": relative error " + worst + " at " + at + " (cpu " + (at < 0 ? "" : expected[at])
        + ", gpu transcription " + (at < 0 ? "" : actual[at]) + ") exceeds " + rel);
  }

  static void assertClose(String what, double expected, double actual, double rel) {
    assertTrue(Math.abs(actual - expected) <= rel * Math.abs(expected), what + ": " + actual + " vs cpu " + expected);
  }

  /**
   * cuBLAS's sgemm as the host calls it, row-major: C = alpha·op(A)·op(B) + beta·C, op(A) M×K,
   * op(B) K×N (each product summed in double, then rounded: a stand-in for cuBLAS, not a transcription).
   */
  static void gemm(boolean ta, boolean tb, int M, int N, int K, float alpha, float[] A, int aOff, int lda, float[] B,
      int bOff, int ldb, float beta, float[] C, int cOff, int ldc) {
    for (int i = 0; i < M; i++) {
      for (int j = 0; j < N; j++) {
        double s = 0;
        for (int k = 0; k < K; k++) {
          float a = ta ? A[aOff + k * lda + i] : A[aOff + i * lda + k];
          float b = tb ? B[bOff + j * ldb + k] : B[bOff + k * ldb + j];
          s += (double) a * b;
        }
        int c = cOff + i * ldc + j;
        C[c] = (float) (alpha * s + (beta == 0f ? 0.0 : beta * C[c]));
      }
    }
  }

  /** cublasSgemmStridedBatched: {@code batch} products, operands {@code M·K}, {@code K·N}, {@code M·N} floats apart. */
  static void gemmBatched(boolean ta, boolean tb, int M, int N, int K, float alpha, float[] A, int lda, int strideA,
      float[] B, int ldb, int strideB, float beta, float[] C, int ldc, int strideC, int batch) {
    for (int b = 0; b < batch; b++) {
      gemm(ta, tb, M, N, K, alpha, A, b * strideA, lda, B, b * strideB, ldb, beta, C, b * strideC, ldc);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // kernel by kernel

  @Test
  void geluConstantOfTheSourceIsTheCpuEnginesFloat() {
    assertEquals(Kernels.GELU_C, org.scalinglab.hardware.TranscribedCudaKernels.GELU_C); // gelu.cu's own constant
  }

  @Test
  void layerNormForwardAndBackward() {
    for (int[] shape : new int[][] {{37, 50}, {9, 300}, {8, 32}}) {
      int rows = shape[0], C = shape[1];
      SplittableRandom r = new SplittableRandom(rows * 1000L + C);
      float[] x = gaussian(r, rows * C, 2.0, 0.5), w = gaussian(r, 2 * C, 0.3, 1.0);
      float[] weight = Arrays.copyOfRange(w, 0, C), bias = Arrays.copyOfRange(w, C, 2 * C);
      // CPU: acts = [in | out | mean | rstd], params = [gain | bias]
      int in = 0, out = rows * C, mean = 2 * rows * C, rstd = mean + rows;
      NativeFloats acts = NativeFloats.zeros(rstd + rows), params = nativeOf(w);
      acts.buffer().put(0, x);
      Kernels.layerNormForward(pool, rows, C, acts.buffer(), in, out, mean, rstd, params.buffer(), 0, C);

      float[] y = new float[rows * C], mu = new float[rows], rs = new float[rows];
      layernormForward(y, mu, rs, x, weight, bias, rows, C);
      String at = " (" + rows + "×" + C + ")";
      assertClose("layernorm_forward out" + at, slice(acts, out, rows * C), y, 1e-5);
      assertClose("layernorm_forward mean" + at, slice(acts, mean, rows), mu, 1e-5);
      assertClose("layernorm_forward rstd" + at, slice(acts, rstd, rows), rs, 1e-5);

      // backward: dx accumulates onto what is there, the parameter gradients onto theirs
      float[] dy = gaussian(r, rows * C, 1.0, 0), dx0 = gaussian(r, rows * C, 1.0, 0), g0 = gaussian(r, 2 * C, 1.0, 0);
      NativeFloats dyN = nativeOf(dy), dxN = nativeOf(dx0), gN = nativeOf(g0);
      float[][] pa = new float[2][C], pb = new float[2][C];
      Kernels.layerNormBackward(pool, rows, C, acts.buffer(), in, mean, rstd, params.buffer(), 0, dyN.buffer(), dxN.buffer(),
          gN.buffer(), 0, C, pa, pb);

      float[] dx = dx0.clone(), g = g0.clone();
      float[] muCpu = slice(acts, mean, rows), rsCpu = slice(acts, rstd, rows); // the statistics the GPU saved are compared above
      layernormBackwardDx(dx, dy, x, muCpu, rsCpu, weight, rows, C);
      int chunkRows = 4, chunks = (rows + chunkRows - 1) / chunkRows;
      float[] pdw = new float[chunks * C], pdb = new float[chunks * C];
      layernormBackwardParamsPartial(pdw, pdb, dy, x, muCpu, rsCpu, rows, C, chunkRows);
      columnSumsFinish(g, 0, pdw, chunks, C);
      columnSumsFinish(g, C, pdb, chunks, C);
      assertClose("layernorm_backward_dx" + at, dxN.toArray(), dx, 1e-5);
      assertClose("layernorm dweight, dbias" + at, gN.toArray(), g, 1e-5);
    }
  }

  /** Absolute error of the CPU engine's tanh (Kernels.tanhRational: ≤ 3.2e-7, its Javadoc) plus a float rounding. */
  static final double TANH_ERR = 4e-7;

  @Test
  void geluForwardAndBackward() {
    int n = 1000;
    SplittableRandom r = new SplittableRandom(5);
    float[] u = gaussian(r, n, 3.0, 0), d = gaussian(r, n, 1.0, 0);
    NativeFloats acts = NativeFloats.zeros(3 * n), dN = nativeOf(d);
    acts.buffer().put(0, u);
    Kernels.geluForward(pool, n, acts.buffer(), 0, n, 2 * n);
    Kernels.geluBackward(pool, n, acts.buffer(), 0, 2 * n, dN.buffer());

    float[] out = new float[n], dd = d.clone();
    geluForward(out, u, n);
    geluBackward(dd, u, n);
    // the CPU's tanh (a rational approximation, clamped at |z| > 7.9) is within TANH_ERR of tanh; the
    // kernel's tanhf is closer still, so the two may differ by that much inside the formulas
    float[] cpuOut = slice(acts, n, n), cpuD = dN.toArray();
    for (int i = 0; i < n; i++) {
      double a = Math.abs(u[i]);
      double fwdTol = 1e-5 * Math.abs(cpuOut[i]) + 0.5 * a * TANH_ERR;
      double bwdTol = 1e-5 * Math.abs(cpuD[i]) + Math.abs(d[i]) * TANH_ERR * (0.5 + 2 * a * (1 + 0.134 * a * a));
      assertTrue(Math.abs(out[i] - cpuOut[i]) <= fwdTol, "gelu_forward at u = " + u[i] + ": " + out[i] + " vs cpu " + cpuOut[i]);
      assertTrue(Math.abs(dd[i] - cpuD[i]) <= bwdTol, "gelu_backward at u = " + u[i] + ": " + dd[i] + " vs cpu " + cpuD[i]);
    }
    assertClose("gelu_forward", cpuOut, out, 1e-5, 1e-1);
  }

  @Test
  void residualAddIsTheCpusInPlaceAdd() {
    int n = 777;
    SplittableRandom r = new SplittableRandom(6);
    float[] x = gaussian(r, n, 1, 0), y = gaussian(r, n, 1, 0);
    NativeFloats both = NativeFloats.zeros(2 * n);
    both.buffer().put(0, x).put(n, y);
    Kernels.addInPlace(pool, n, both.buffer(), 0, n);
    residualAdd(x, y, n);
    assertArrayEquals(slice(both, 0, n), x, "the same float additions");
  }

  @Test
  void linearLayerBiasAndColumnSums() {
    int rows = 45, ic = 20, oc = 70;
    SplittableRandom r = new SplittableRandom(7);
    float[] x = gaussian(r, rows * ic, 1, 0), w = gaussian(r, ic * oc + oc, 0.2, 0.1);
    NativeFloats src = nativeOf(x), params = nativeOf(w), dst = NativeFloats.zeros(rows * oc);
    Kernels.linearForward(pool, rows, src, 0, ic, params, 0, ic * oc, oc, dst, 0);
    // GPU: fill the rows with the bias, then cuBLAS adds x·W (beta = 1)
    float[] y = new float[rows * oc];
    biasBroadcast(y, Arrays.copyOfRange(w, ic * oc, ic * oc + oc), rows, oc);
    gemm(false, false, rows, oc, ic, 1f, x, 0, ic, w, 0, oc, 1f, y, 0, oc);
    assertClose("bias_broadcast + GEMM", dst.toArray(), y, 1e-5, 1e-2); // OpenBLAS sums in float: a floor for cancellation

    float[] d = gaussian(r, rows * oc, 1, 0), g0 = gaussian(r, oc, 1, 0);
    NativeFloats gN = nativeOf(g0);
    Kernels.biasBackward(pool, rows, oc, nativeOf(d).buffer(), gN.buffer(), 0, new float[2][oc]);
    int chunks = (rows + GpuKernel.CHUNK_ROWS - 1) / GpuKernel.CHUNK_ROWS;
    float[] partial = new float[chunks * oc], g = g0.clone();
    columnSumsPartial(partial, d, rows, oc, GpuKernel.CHUNK_ROWS);
    columnSumsFinish(g, 0, partial, chunks, oc);
    assertClose("column_sums (bias gradient)", gN.toArray(), g, 1e-5, 1e-2); // float sums in another order: a floor
  }

  @Test
  void embeddingBackwardAddsTheRowsInTheCpusOrder() {
    int B = 3, T = 7, C = 300, V = 11, BT = B * T;
    SplittableRandom r = new SplittableRandom(8);
    int[] tokens = new int[BT];
    for (int i = 0; i < BT; i++) tokens[i] = r.nextInt(V - 2); // two tokens never occur
    float[] d = gaussian(r, BT * C, 1, 0), g0 = gaussian(r, V * C + T * C, 1, 0);
    NativeFloats gN = nativeOf(g0), dN = nativeOf(d);
    Kernels.embeddingBackward(pool, BT, C, dN.buffer(), gN.buffer(), 0, i -> tokens[i]);
    Kernels.embeddingBackward(pool, BT, C, dN.buffer(), gN.buffer(), V * C, i -> i % T);

    float[] dwte = Arrays.copyOfRange(g0, 0, V * C), dwpe = Arrays.copyOfRange(g0, V * C, V * C + T * C);
    TokenBuckets buckets = TokenBuckets.of(tokens, V);
    encoderBackwardWte(dwte, d, buckets.start(), buckets.rows(), V, C);
    encoderBackwardWpe(dwpe, d, B, T, C);
    assertArrayEquals(slice(gN, 0, V * C), dwte, "dwte: the same additions in the same order");
    assertArrayEquals(slice(gN, V * C, T * C), dwpe, "dwpe: the same additions in the same order");
  }

  @Test
  void softmaxCrossEntropyHeadForwardAndBackward() {
    int rows = 43, width = 12, V = 70;
    SplittableRandom r = new SplittableRandom(9);
    float[] h = gaussian(r, rows * width, 1, 0), wte = gaussian(r, V * width, 0.5, 0);
    int[] targets = new int[rows];
    for (int i = 0; i < rows; i++) targets[i] = r.nextInt(V);
    NativeFloats acts = NativeFloats.zeros(rows * width + rows * V), params = nativeOf(wte);
    acts.buffer().put(0, h);
    int logitsOff = rows * width;
    NativeFloats grads = NativeFloats.zeros(V * width), dHidden = NativeFloats.zeros(rows * width);
    try (WorkerPool p = new WorkerPool(2)) {
      TiedSoftmaxHead head = new TiedSoftmaxHead(rows, width, V, p);
      double loss = head.forward(acts, 0, logitsOff, params, 0, targets);
      double[] rowLoss = new double[rows];
      head.lastTokenLosses(rowLoss);
      float[] probsCpu = slice(acts, logitsOff, rows * V);
      head.backward(acts, 0, logitsOff, params, 0, grads, targets, dHidden);

      // GPU: logits = h·wteᵀ (cuBLAS), softmax + losses, mean; dlogits; dh = dlogits·wte, dwte += dlogitsᵀ·h
      float[] logits = new float[rows * V];
      gemm(false, true, rows, V, width, 1f, h, 0, width, wte, 0, width, 0f, logits, 0, V);
      float[] logitsCopy = logits.clone();
      double[] losses = new double[rows], mean = new double[1];
      crossentropySoftmaxForward(logits, losses, logits, targets, rows, V); // in place
      lossMean(mean, losses, rows);
      assertClose("crossentropy_softmax_forward probs", probsCpu, logits, 1e-5);
      for (int i = 0; i < rows; i++) assertClose("loss of row " + i, rowLoss[i], losses[i], 1e-5);
      assertClose("loss_mean", loss, mean[0], 1e-5);

      float[] dlogits = new float[rows * V];
      crossentropySoftmaxBackward(dlogits, logits, targets, rows, V);
      float[] dh = new float[rows * width], dwte = new float[V * width];
      gemm(false, false, rows, width, V, 1f, dlogits, 0, V, wte, 0, width, 0f, dh, 0, width);
      gemm(true, false, V, width, rows, 1f, dlogits, 0, V, h, 0, width, 1f, dwte, 0, width);
      assertClose("dhidden through crossentropy_softmax_backward", dHidden.toArray(), dh, 1e-5);
      assertClose("dwte through crossentropy_softmax_backward", grads.toArray(), dwte, 1e-5);

      // the fused kernel is the same arithmetic as forward then backward
      float[] fused = logitsCopy.clone();
      double[] fusedLosses = new double[rows];
      crossentropySoftmaxForwardBackward(fused, fusedLosses, fused, targets, rows, V); // in place
      assertArrayEquals(dlogits, fused, "fused dlogits");
      assertArrayEquals(losses, fusedLosses, "fused losses");
    }
  }

  @Test
  void causalSoftmaxAgainstItsDefinition() {
    int B = 2, NH = 3, T = 45, rows = B * NH * T; // rows of up to 45 keys: lanes take one or two
    float scale = (float) (1 / Math.sqrt(8));
    SplittableRandom r = new SplittableRandom(10);
    float[] pre = gaussian(r, rows * T, 2, 0), att = new float[rows * T];
    softmaxCausalForward(att, pre, rows, T);
    float[] datt = gaussian(r, rows * T, 1, 0), ds = datt.clone();
    softmaxCausalBackward(ds, ds, att, rows, T, scale); // in place
    float[] pRef = new float[rows * T], dRef = new float[rows * T];
    for (int row = 0; row < rows; row++) {
      int t = row % T, o = row * T;
      double max = Double.NEGATIVE_INFINITY, sum = 0, dot = 0;
      for (int s = 0; s <= t; s++) max = Math.max(max, pre[o + s]);
      for (int s = 0; s <= t; s++) sum += Math.exp(pre[o + s] - max);
      for (int s = 0; s <= t; s++) pRef[o + s] = (float) (Math.exp(pre[o + s] - max) / sum);
      for (int s = 0; s <= t; s++) dot += (double) pRef[o + s] * datt[o + s];
      for (int s = 0; s <= t; s++) dRef[o + s] = (float) (scale * pRef[o + s] * (datt[o + s] - dot));
    }
    assertClose("softmax_causal_forward (zeros above the diagonal)", pRef, att, 1e-5);
    assertClose("softmax_causal_backward (zeros above the diagonal)", dRef, ds, 1e-5);
  }

  @Test
  void gradientNormClipAndAdamWOverThreeSteps() {
    int n = 3001;
    SplittableRandom r = new SplittableRandom(11);
    AdamW.Settings settings = AdamW.Settings.DEFAULT;
    for (double gradStd : new double[] {1.0, 1e-3}) { // norm ≈ 55: clipped; norm ≈ 0.055: not clipped
      float[] p0 = gaussian(r, n, 0.1, 0);
      boolean[] decayed = new boolean[n];
      byte[] decayedBytes = new byte[n];
      for (int i = 0; i < n; i++) {
        decayed[i] = i % 3 != 0;
        decayedBytes[i] = (byte) (decayed[i] ? 1 : 0);
      }
      NativeFloats params = nativeOf(p0);
      AdamW opt = new AdamW(n, settings);
      float[] p = p0.clone(), m = new float[n], v = new float[n];
      for (int step = 1; step <= 3; step++) {
        float[] g = gaussian(r, n, gradStd, 0);
        double lr = 1e-3 * step;
        double norm = opt.update(params, nativeOf(g), decayed, lr, pool);

        double[] partial = new double[GpuKernel.GRAD_NORM_BLOCKS], normGpu = new double[1];
        float[] clip = new float[1];
        gradNormPartial(partial, g, n);
        gradNormFinish(normGpu, clip, partial, GpuKernel.GRAD_NORM_BLOCKS, settings.clipNorm());
        // the host's scalars, as AdamW.update computes them
        float c1 = (float) (1 / (1 - Math.pow(settings.beta1(), step)));
        float c2 = (float) (1 / (1 - Math.pow(settings.beta2(), step)));
        adamwUpdate(p, g, m, v, decayedBytes, clip, n, (float) lr, (float) settings.beta1(), (float) settings.beta2(), c1, c2,
            (float) settings.eps(), (float) (lr * settings.weightDecay()));
        String at = " (gradient std " + gradStd + ", step " + step + ")";
        assertClose("grad_norm" + at, norm, normGpu[0], 1e-12);
        assertEquals(gradStd > 0.5, clip[0] < 1f, "clipped" + at);
        assertClose("adamw params" + at, params.toArray(), p, 1e-5);
        assertClose("adamw m" + at, opt.firstMoment().toArray(), m, 1e-5);
        assertClose("adamw v" + at, opt.secondMoment().toArray(), v, 1e-5);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // a whole training step

  static final String[] LAYER_TENSORS = {"ln1w", "ln1b", "qkvw", "qkvb", "projw", "projb", "ln2w", "ln2b", "fcw", "fcb",
      "fcprojw", "fcprojb"};

  /**
   * One forward and backward pass of a 2-layer transformer through the launch sequence a GPU host
   * issues (the transcribed kernels, cuBLAS's products as {@link #gemm}), against
   * {@link Transformer}: the loss and every parameter gradient. Shapes are chosen to exercise the
   * edges: C = 40 and V = 37 (lanes holding one or two channels), T = 35 (rows of 1 … 35 keys),
   * BT = 105 rows (not a multiple of 8 rows per block nor of the 32-row chunks).
   */
  @Test
  void oneTrainingStepOfTheTransformerAgreesWithTheCpuEngine() {
    int V = 37, T = 35, L = 2, C = 40, NH = 4, B = 3;
    TransformerConfig cfg = TransformerConfig.of(V, T, L, C, NH);
    int HS = C / NH, F = cfg.dFf(), BT = B * T;
    SplittableRandom r = new SplittableRandom(12);
    int[] inputs = new int[BT], targets = new int[BT];
    for (int i = 0; i < BT; i++) {
      inputs[i] = r.nextInt(V);
      targets[i] = r.nextInt(V);
    }
    try (Transformer model = new Transformer(cfg, B, 13L, pool)) {
      NativeFloats pn = model.params();
      for (int i = 0; i < pn.length(); i++) pn.set(i, pn.get(i) + (float) (0.05 * r.nextGaussian())); // generic gains, biases
      double cpuLoss = model.forward(inputs, targets);
      model.backward();
      float[] P = pn.toArray(), cpuGrads = model.grads().toArray();
      float[] G = new float[P.length];
      double gpuLoss = gpuStep(model, P, G, inputs, targets, B, T, C, NH, HS, F, V, L);

      assertClose("loss", cpuLoss, gpuLoss, 1e-5);
      check(model, "wte", -1, V * C, cpuGrads, G);
      check(model, "wpe", -1, T * C, cpuGrads, G);
      check(model, "lnfw", -1, C, cpuGrads, G);
      check(model, "lnfb", -1, C, cpuGrads, G);
      int[] sizes = {C, C, C * 3 * C, 3 * C, C * C, C, C, C, C * F, F, F * C, C};
      for (int l = 0; l < L; l++) {
        for (int t = 0; t < LAYER_TENSORS.length; t++) check(model, LAYER_TENSORS[t], l, sizes[t], cpuGrads, G);
      }
    }
  }

  private static void check(Transformer model, String name, int layer, int size, float[] cpu, float[] gpu) {
    int off = model.offsetOf(name, layer);
    assertClose("gradient of " + name + (layer >= 0 ? "[" + layer + "]" : ""), Arrays.copyOfRange(cpu, off, off + size),
        Arrays.copyOfRange(gpu, off, off + size), 1e-4, 1e-2);
  }

  private static float[] tensor(Transformer model, float[] P, String name, int layer, int size) {
    int off = model.offsetOf(name, layer);
    return Arrays.copyOfRange(P, off, off + size);
  }

  /** The GPU engine's step, kernel by kernel; gradients into G (at the parameters' offsets); returns the loss. */
  private static double gpuStep(Transformer model, float[] P, float[] G, int[] inputs, int[] targets, int B, int T, int C,
      int NH, int HS, int F, int V, int L) {
    int BT = B * T, rowsAtt = B * NH * T;
    float scale = (float) (1 / Math.sqrt(HS));
    float[] wte = tensor(model, P, "wte", -1, V * C), wpe = tensor(model, P, "wpe", -1, T * C);
    float[][] ln1w = new float[L][], ln1b = new float[L][], qkvw = new float[L][], qkvb = new float[L][], projw = new float[L][],
        projb = new float[L][], ln2w = new float[L][], ln2b = new float[L][], fcw = new float[L][], fcb = new float[L][],
        fcprojw = new float[L][], fcprojb = new float[L][];
    for (int l = 0; l < L; l++) {
      ln1w[l] = tensor(model, P, "ln1w", l, C);
      ln1b[l] = tensor(model, P, "ln1b", l, C);
      qkvw[l] = tensor(model, P, "qkvw", l, C * 3 * C);
      qkvb[l] = tensor(model, P, "qkvb", l, 3 * C);
      projw[l] = tensor(model, P, "projw", l, C * C);
      projb[l] = tensor(model, P, "projb", l, C);
      ln2w[l] = tensor(model, P, "ln2w", l, C);
      ln2b[l] = tensor(model, P, "ln2b", l, C);
      fcw[l] = tensor(model, P, "fcw", l, C * F);
      fcb[l] = tensor(model, P, "fcb", l, F);
      fcprojw[l] = tensor(model, P, "fcprojw", l, F * C);
      fcprojb[l] = tensor(model, P, "fcprojb", l, C);
    }
    float[] lnfw = tensor(model, P, "lnfw", -1, C), lnfb = tensor(model, P, "lnfb", -1, C);

    // ---- forward, saving what the backward pass reads
    float[] encoded = new float[BT * C];
    encoderForward(encoded, inputs, wte, wpe, BT, T, C);
    float[][] resIn = new float[L + 1][], ln1 = new float[L][], ln1Mean = new float[L][], ln1Rstd = new float[L][],
        qkv = new float[L][], q = new float[L][], k = new float[L][], v = new float[L][], att = new float[L][],
        atty = new float[L][], res2 = new float[L][], ln2 = new float[L][], ln2Mean = new float[L][], ln2Rstd = new float[L][],
        fch = new float[L][], fchGelu = new float[L][];
    resIn[0] = encoded;
    int heads = B * NH;
    for (int l = 0; l < L; l++) {
      ln1[l] = new float[BT * C];
      ln1Mean[l] = new float[BT];
      ln1Rstd[l] = new float[BT];
      layernormForward(ln1[l], ln1Mean[l], ln1Rstd[l], resIn[l], ln1w[l], ln1b[l], BT, C);
      qkv[l] = new float[BT * 3 * C];
      biasBroadcast(qkv[l], qkvb[l], BT, 3 * C);
      gemm(false, false, BT, 3 * C, C, 1f, ln1[l], 0, C, qkvw[l], 0, 3 * C, 1f, qkv[l], 0, 3 * C);
      q[l] = new float[BT * C];
      k[l] = new float[BT * C];
      v[l] = new float[BT * C];
      attentionSplitHeads(q[l], k[l], v[l], qkv[l], B, T, NH, HS);
      att[l] = new float[heads * T * T];
      gemmBatched(false, true, T, T, HS, scale, q[l], HS, T * HS, k[l], HS, T * HS, 0f, att[l], T, T * T, heads);
      softmaxCausalForward(att[l], att[l], rowsAtt, T); // in place
      float[] y = new float[BT * C];
      gemmBatched(false, false, T, HS, T, 1f, att[l], T, T * T, v[l], HS, T * HS, 0f, y, HS, T * HS, heads);
      atty[l] = new float[BT * C];
      attentionMergeHeads(atty[l], y, B, T, NH, HS);
      res2[l] = new float[BT * C];
      biasBroadcast(res2[l], projb[l], BT, C);
      gemm(false, false, BT, C, C, 1f, atty[l], 0, C, projw[l], 0, C, 1f, res2[l], 0, C);
      residualAdd(res2[l], resIn[l], BT * C);
      ln2[l] = new float[BT * C];
      ln2Mean[l] = new float[BT];
      ln2Rstd[l] = new float[BT];
      layernormForward(ln2[l], ln2Mean[l], ln2Rstd[l], res2[l], ln2w[l], ln2b[l], BT, C);
      fch[l] = new float[BT * F];
      biasBroadcast(fch[l], fcb[l], BT, F);
      gemm(false, false, BT, F, C, 1f, ln2[l], 0, C, fcw[l], 0, F, 1f, fch[l], 0, F);
      fchGelu[l] = new float[BT * F];
      geluForward(fchGelu[l], fch[l], BT * F);
      float[] res3 = new float[BT * C];
      biasBroadcast(res3, fcprojb[l], BT, C);
      gemm(false, false, BT, C, F, 1f, fchGelu[l], 0, F, fcprojw[l], 0, C, 1f, res3, 0, C);
      residualAdd(res3, res2[l], BT * C);
      resIn[l + 1] = res3;
    }
    float[] lnf = new float[BT * C], lnfMean = new float[BT], lnfRstd = new float[BT];
    layernormForward(lnf, lnfMean, lnfRstd, resIn[L], lnfw, lnfb, BT, C);
    float[] logits = new float[BT * V];
    gemm(false, true, BT, V, C, 1f, lnf, 0, C, wte, 0, C, 0f, logits, 0, V);
    double[] losses = new double[BT], mean = new double[1];
    crossentropySoftmaxForward(logits, losses, logits, targets, BT, V); // probabilities over the logits
    lossMean(mean, losses, BT);

    // ---- backward (G is zero: the host clears the gradient block first)
    int chunks = (BT + GpuKernel.CHUNK_ROWS - 1) / GpuKernel.CHUNK_ROWS;
    float[] partA = new float[chunks * Math.max(F, 3 * C)], partB = new float[chunks * C];
    int gWte = model.offsetOf("wte", -1), gWpe = model.offsetOf("wpe", -1);
    float[] dlogits = new float[BT * V];
    crossentropySoftmaxBackward(dlogits, logits, targets, BT, V);
    float[] dtmp = new float[BT * C];
    gemm(false, false, BT, C, V, 1f, dlogits, 0, V, wte, 0, C, 0f, dtmp, 0, C);
    gemm(true, false, V, C, BT, 1f, dlogits, 0, V, lnf, 0, C, 1f, G, gWte, C);
    float[] dres = new float[BT * C];
    layerNormBackward(model, G, "lnfw", "lnfb", -1, dres, dtmp, resIn[L], lnfMean, lnfRstd, lnfw, BT, C, partA, partB);
    for (int l = L - 1; l >= 0; l--) {
      // MLP: res3 = res2 + gelu(ln2·fcw + fcb)·fcprojw + fcprojb
      float[] dfch = new float[BT * F];
      linearBackward(model, G, "fcprojw", "fcprojb", l, dres, C, fchGelu[l], F, fcprojw[l], dfch, BT, partA);
      geluBackward(dfch, fch[l], BT * F);
      linearBackward(model, G, "fcw", "fcb", l, dfch, F, ln2[l], C, fcw[l], dtmp, BT, partA);
      layerNormBackward(model, G, "ln2w", "ln2b", l, dres, dtmp, res2[l], ln2Mean[l], ln2Rstd[l], ln2w[l], BT, C, partA, partB);
      // attention: res2 = resIn + attention(ln1)·projw + projb
      linearBackward(model, G, "projw", "projb", l, dres, C, atty[l], C, projw[l], dtmp, BT, partA);
      float[] dy = new float[BT * C], datt = new float[heads * T * T], dq = new float[BT * C], dk = new float[BT * C],
          dv = new float[BT * C];
      attentionMergeHeadsBackward(dy, dtmp, B, T, NH, HS);
      gemmBatched(false, true, T, T, HS, 1f, dy, HS, T * HS, v[l], HS, T * HS, 0f, datt, T, T * T, heads); // dP = dY·Vᵀ
      gemmBatched(true, false, T, HS, T, 1f, att[l], T, T * T, dy, HS, T * HS, 0f, dv, HS, T * HS, heads); // dV = Pᵀ·dY
      softmaxCausalBackward(datt, datt, att[l], rowsAtt, T, scale); // dS, in place
      gemmBatched(false, false, T, HS, T, 1f, datt, T, T * T, k[l], HS, T * HS, 0f, dq, HS, T * HS, heads); // dQ = dS·K
      gemmBatched(true, false, T, HS, T, 1f, datt, T, T * T, q[l], HS, T * HS, 0f, dk, HS, T * HS, heads); // dK = dSᵀ·Q
      float[] dqkv = new float[BT * 3 * C];
      attentionSplitHeadsBackward(dqkv, dq, dk, dv, B, T, NH, HS);
      linearBackward(model, G, "qkvw", "qkvb", l, dqkv, 3 * C, ln1[l], C, qkvw[l], dtmp, BT, partA);
      layerNormBackward(model, G, "ln1w", "ln1b", l, dres, dtmp, resIn[l], ln1Mean[l], ln1Rstd[l], ln1w[l], BT, C, partA, partB);
    }
    float[] dwte = Arrays.copyOfRange(G, gWte, gWte + V * C), dwpe = Arrays.copyOfRange(G, gWpe, gWpe + T * C);
    TokenBuckets buckets = TokenBuckets.of(inputs, V);
    encoderBackwardWte(dwte, dres, buckets.start(), buckets.rows(), V, C);
    encoderBackwardWpe(dwpe, dres, B, T, C);
    System.arraycopy(dwte, 0, G, gWte, V * C);
    System.arraycopy(dwpe, 0, G, gWpe, T * C);
    return mean[0];
  }

  /** y = x·W + b backward: dW += xᵀ·dy and dx = dy·Wᵀ (cuBLAS), db += column sums of dy (two kernels). */
  private static void linearBackward(Transformer model, float[] G, String w, String b, int layer, float[] dy, int oc,
      float[] x, int ic, float[] W, float[] dx, int rows, float[] partial) {
    gemm(true, false, ic, oc, rows, 1f, x, 0, ic, dy, 0, oc, 1f, G, model.offsetOf(w, layer), oc);
    int chunks = (rows + GpuKernel.CHUNK_ROWS - 1) / GpuKernel.CHUNK_ROWS;
    columnSumsPartial(partial, dy, rows, oc, GpuKernel.CHUNK_ROWS);
    columnSumsFinish(G, model.offsetOf(b, layer), partial, chunks, oc);
    gemm(false, true, rows, ic, oc, 1f, dy, 0, oc, W, 0, oc, 0f, dx, 0, ic);
  }

  /** LayerNorm backward: dx added into dres, dweight and dbias through partial sums. */
  private static void layerNormBackward(Transformer model, float[] G, String w, String b, int layer, float[] dres, float[] dout,
      float[] inp, float[] mean, float[] rstd, float[] weight, int rows, int C, float[] partA, float[] partB) {
    layernormBackwardDx(dres, dout, inp, mean, rstd, weight, rows, C);
    int chunks = (rows + GpuKernel.CHUNK_ROWS - 1) / GpuKernel.CHUNK_ROWS;
    layernormBackwardParamsPartial(partA, partB, dout, inp, mean, rstd, rows, C, GpuKernel.CHUNK_ROWS);
    columnSumsFinish(G, model.offsetOf(w, layer), partA, chunks, C);
    columnSumsFinish(G, model.offsetOf(b, layer), partB, chunks, C);
  }
}
