package org.scalinglab.hardware;

import static org.scalinglab.hardware.GpuKernel.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalinglab.hardware.GpuDevice.Buffer;
import org.scalinglab.hardware.GpuDevice.Ptr;
import org.scalinglab.hardware.GpuDevice.Type;
import org.scalinglab.train.AdamW;
import org.scalinglab.train.NativeFloats;
import org.scalinglab.train.TransformerConfig;

/**
 * The GPU training engine's host side: the CPU engine's GPT ({@code train.Transformer}: same
 * {@link TransformerConfig}, same parameter layout, same mathematics) trained on a {@link GpuDevice}
 * by a fixed sequence of kernel launches from the catalogue ({@link GpuKernel}) and row-major
 * {@code sgemm} calls (forward, backward, gradient norm and clipping, AdamW). Everything lives on the
 * device; per step the host uploads the batch's tokens (and the token buckets of the embedding's
 * backward kernel, {@link TokenBuckets}) and reads back the loss.
 *
 * <p>The parameter, gradient and moment blocks are laid out exactly as the CPU engine's (offsets by
 * {@link #offsetOf}, equal to {@code Transformer.offsetOf}; {@link #decayed()} equal to its mask),
 * so parameters and optimiser state move between the two engines as plain float arrays
 * ({@link #setParams}, {@link #params}, {@link #setOptimizerState}), and a CPU checkpoint trains on.
 *
 * <p>Activations are one buffer per tensor and layer, as the backward pass reads them; the memory
 * is dominated by the attention probabilities, {@code B·NH·T²} floats per layer. Products: the linear
 * layers are {@code y = x·W + b} with {@code W[in][out]}: the bias is broadcast into the output, then
 * {@code sgemm} adds {@code x·W} (beta 1); their backward is {@code dW += xᵀ·dy} (beta 1 into the
 * gradient block), {@code dx = dy·Wᵀ}, and the bias gradient as two-stage column sums. Attention is a
 * strided batch per (sequence, head): scores {@code Q·Kᵀ·scale}, the causal softmax kernel, then
 * {@code P·V}; backward {@code dP = dY·Vᵀ}, {@code dV = Pᵀ·dY}, the softmax backward kernel (which
 * applies the scale), {@code dQ = dS·K}, {@code dK = dSᵀ·Q}. The head is tied: logits {@code = h·wteᵀ}.
 */
public final class GpuTransformer implements AutoCloseable {
  /** The per-layer tensors, in the CPU engine's order. */
  public static final List<String> LAYER_TENSORS = List.of("ln1w", "ln1b", "qkvw", "qkvb", "projw", "projb", "ln2w",
      "ln2b", "fcw", "fcb", "fcprojw", "fcprojb");

  private final GpuDevice dev;
  private final TransformerConfig cfg;
  private final AdamW.Settings settings;
  private final int B, T, C, NH, HS, F, V, L, BT, heads, rowsAtt, chunks, numParams;
  private final float scale;
  private final int wte, wpe, lnfw, lnfb;
  private final int[][] layerOff;
  private final boolean[] decayed;
  private final Map<String, int[]> offsets = new LinkedHashMap<>();
  private final List<Buffer> owned = new ArrayList<>();

  // parameters, gradients, AdamW moments, the decay mask
  private final Buffer P, G, M, Vm, decayMask;
  // activations kept for the backward pass
  private final Buffer[] resIn, ln1, ln1Mean, ln1Rstd, qkv, q, k, v, att, atty, res2, ln2, ln2Mean, ln2Rstd, fch, fchGelu;
  private final Buffer lnf, lnfMean, lnfRstd, logits, y;
  // backward scratch
  private final Buffer dlogits, dres, dtmp, dfch, dy, datt, dq, dk, dv, dqkv, partA, partB;
  // tokens, loss, norm
  private final Buffer inputs, targets, bucketStart, bucketRows, losses, mean, normPartial, norm, clip;
  private long step;
  private boolean closed;

  /**
   * Allocates the model on {@code device} for batches of {@code batch} sequences. The parameters
   * are zero until {@link #setParams} (e.g. from a CPU {@code Transformer} of the same config and seed).
   */
  public GpuTransformer(TransformerConfig cfg, int batch, AdamW.Settings settings, GpuDevice device) {
    if (batch < 1) throw new IllegalArgumentException("batch must be positive, got " + batch);
    this.dev = device;
    this.cfg = cfg;
    this.settings = settings;
    B = batch;
    T = cfg.context();
    C = cfg.dModel();
    NH = cfg.heads();
    HS = cfg.headSize();
    F = cfg.dFf();
    V = cfg.vocab();
    L = cfg.layers();
    BT = B * T;
    heads = B * NH;
    rowsAtt = heads * T;
    chunks = (BT + CHUNK_ROWS - 1) / CHUNK_ROWS;
    scale = (float) (1 / Math.sqrt(HS));
    if ((long) heads * T * T > Integer.MAX_VALUE || (long) BT * F > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("batch " + batch + " of " + cfg.name() + ": an activation has 2^31 elements or more");
    }

    // the CPU engine's parameter layout (Transformer's constructor, tensor by tensor)
    List<Boolean> mask = new ArrayList<>();
    int[] next = {0};
    wte = add("wte", -1, (long) V * C, true, mask, next);
    wpe = add("wpe", -1, (long) T * C, true, mask, next);
    layerOff = new int[L][LAYER_TENSORS.size()];
    long[] sizes = {C, C, 3L * C * C, 3L * C, (long) C * C, C, C, C, (long) C * F, F, (long) F * C, C};
    boolean[] dec = {false, false, true, false, true, false, false, false, true, false, true, false};
    for (int l = 0; l < L; l++) {
      for (int t = 0; t < sizes.length; t++) layerOff[l][t] = add(LAYER_TENSORS.get(t), l, sizes[t], dec[t], mask, next);
    }
    lnfw = add("lnfw", -1, C, false, mask, next);
    lnfb = add("lnfb", -1, C, false, mask, next);
    numParams = next[0];
    if (numParams != cfg.totalParams()) {
      throw new IllegalStateException("layout has " + numParams + " parameters, config says " + cfg.totalParams());
    }
    decayed = new boolean[numParams];
    byte[] decayBytes = new byte[numParams];
    for (int i = 0; i < numParams; i++) {
      decayed[i] = mask.get(i);
      decayBytes[i] = (byte) (decayed[i] ? 1 : 0);
    }

    try {
      P = floats(numParams);
      G = floats(numParams);
      M = floats(numParams);
      Vm = floats(numParams);
      decayMask = alloc(Type.BYTE, numParams);
      dev.upload(decayMask.ptr(), decayBytes);

      resIn = new Buffer[L + 1];
      ln1 = new Buffer[L];
      ln1Mean = new Buffer[L];
      ln1Rstd = new Buffer[L];
      qkv = new Buffer[L];
      q = new Buffer[L];
      k = new Buffer[L];
      v = new Buffer[L];
      att = new Buffer[L];
      atty = new Buffer[L];
      res2 = new Buffer[L];
      ln2 = new Buffer[L];
      ln2Mean = new Buffer[L];
      ln2Rstd = new Buffer[L];
      fch = new Buffer[L];
      fchGelu = new Buffer[L];
      resIn[0] = floats((long) BT * C);
      for (int l = 0; l < L; l++) {
        ln1[l] = floats((long) BT * C);
        ln1Mean[l] = floats(BT);
        ln1Rstd[l] = floats(BT);
        qkv[l] = floats(3L * BT * C);
        q[l] = floats((long) BT * C);
        k[l] = floats((long) BT * C);
        v[l] = floats((long) BT * C);
        att[l] = floats((long) heads * T * T);
        atty[l] = floats((long) BT * C);
        res2[l] = floats((long) BT * C);
        ln2[l] = floats((long) BT * C);
        ln2Mean[l] = floats(BT);
        ln2Rstd[l] = floats(BT);
        fch[l] = floats((long) BT * F);
        fchGelu[l] = floats((long) BT * F);
        resIn[l + 1] = floats((long) BT * C);
      }
      lnf = floats((long) BT * C);
      lnfMean = floats(BT);
      lnfRstd = floats(BT);
      logits = floats((long) BT * V);
      y = floats((long) BT * C);

      dlogits = floats((long) BT * V);
      dres = floats((long) BT * C);
      dtmp = floats((long) BT * C);
      dfch = floats((long) BT * F);
      dy = floats((long) BT * C);
      datt = floats((long) heads * T * T);
      dq = floats((long) BT * C);
      dk = floats((long) BT * C);
      dv = floats((long) BT * C);
      dqkv = floats(3L * BT * C);
      partA = floats((long) chunks * Math.max(F, 3 * C));
      partB = floats((long) chunks * C);

      inputs = alloc(Type.INT, BT);
      targets = alloc(Type.INT, BT);
      bucketStart = alloc(Type.INT, V + 1);
      bucketRows = alloc(Type.INT, BT);
      losses = alloc(Type.DOUBLE, BT);
      mean = alloc(Type.DOUBLE, 1);
      normPartial = alloc(Type.DOUBLE, GRAD_NORM_BLOCKS);
      norm = alloc(Type.DOUBLE, 1);
      clip = floats(1);
    } catch (RuntimeException ex) {
      close();
      throw ex;
    }
  }

  private int add(String name, int layer, long size, boolean decay, List<Boolean> mask, int[] next) {
    int off = next[0];
    if (off + size > Integer.MAX_VALUE) throw new IllegalArgumentException(cfg.name() + " has 2^31 parameters or more");
    offsets.put(key(name, layer), new int[] {off, (int) size});
    for (long i = 0; i < size; i++) mask.add(decay);
    next[0] = (int) (off + size);
    return off;
  }

  private static String key(String name, int layer) {
    return layer < 0 ? name : name + "[" + layer + "]";
  }

  private Buffer alloc(Type type, long n) {
    Buffer b = dev.alloc(type, n);
    owned.add(b);
    return b;
  }

  private Buffer floats(long n) {
    return alloc(Type.FLOAT, n);
  }

  // ----------------------------------------------------------------------------------- state

  public TransformerConfig config() {
    return cfg;
  }

  public int batch() {
    return B;
  }

  public GpuDevice device() {
    return dev;
  }

  /** Parameters (= gradient and moment entries). */
  public int numParams() {
    return numParams;
  }

  /** Offset of a parameter tensor, as {@code Transformer.offsetOf} (layer −1 for wte, wpe, lnfw, lnfb). */
  public int offsetOf(String name, int layer) {
    int[] o = offsets.get(key(name, layer));
    if (o == null) throw new IllegalArgumentException("no parameter tensor " + key(name, layer));
    return o[0];
  }

  /** Size of a parameter tensor. */
  public int sizeOf(String name, int layer) {
    offsetOf(name, layer);
    return offsets.get(key(name, layer))[1];
  }

  /** Which parameters weight decay applies to (the CPU engine's mask). */
  public boolean[] decayed() {
    return decayed.clone();
  }

  /** Copies parameters (the CPU engine's layout) to the device. */
  public void setParams(float[] params) {
    requireLength("parameters", params);
    dev.upload(P.ptr(), params);
  }

  public float[] params() {
    return dev.downloadFloats(P.ptr(), numParams);
  }

  /** The gradients of the last {@link #forwardBackward}. */
  public float[] grads() {
    return dev.downloadFloats(G.ptr(), numParams);
  }

  public float[] firstMoment() {
    return dev.downloadFloats(M.ptr(), numParams);
  }

  public float[] secondMoment() {
    return dev.downloadFloats(Vm.ptr(), numParams);
  }

  /** AdamW updates done. */
  public long step() {
    return step;
  }

  /** Sets AdamW's moments and step count (e.g. from a CPU run's {@code AdamW}). */
  public void setOptimizerState(float[] m, float[] v, long steps) {
    requireLength("first moment", m);
    requireLength("second moment", v);
    if (steps < 0) throw new IllegalArgumentException("negative step count " + steps);
    dev.upload(M.ptr(), m);
    dev.upload(Vm.ptr(), v);
    step = steps;
  }

  /**
   * Loads parameters and AdamW state from the CPU engine's blocks (a {@code train.Transformer}'s
   * {@code params()} and its {@code AdamW}, e.g. as {@code train.Checkpoint.read} filled them).
   */
  public void load(NativeFloats params, AdamW opt) {
    setParams(params.toArray());
    setOptimizerState(opt.firstMoment().toArray(), opt.secondMoment().toArray(), opt.step());
  }

  /** Stores parameters and AdamW state into the CPU engine's blocks (then {@code train.Checkpoint.write} saves them). */
  public void store(NativeFloats params, AdamW opt) {
    if (params.length() != numParams || opt.firstMoment().length() != numParams) {
      throw new IllegalArgumentException("blocks of " + params.length() + " and " + opt.firstMoment().length() + " floats, "
          + cfg.name() + " has " + numParams + " parameters");
    }
    params.copyFrom(params());
    opt.firstMoment().copyFrom(firstMoment());
    opt.secondMoment().copyFrom(secondMoment());
    opt.setStep(step);
  }

  private void requireLength(String what, float[] a) {
    if (a.length != numParams) {
      throw new IllegalArgumentException(what + ": " + a.length + " floats, " + cfg.name() + " has " + numParams + " parameters");
    }
  }

  // ---------------------------------------------------------------------------------- launches

  /** Launches {@code kernel} by its rule for sizes x and y (see {@link GpuKernel#sizes()}). */
  private void run2(GpuKernel kernel, long x, long yy, Object... args) {
    dev.launch(kernel, kernel.rule().launch(x, yy), args);
  }

  /** Launches {@code kernel} by its rule for size x. */
  private void run(GpuKernel kernel, long x, Object... args) {
    dev.launch(kernel, kernel.rule().launch(x, 1), args);
  }

  private Ptr p(String name, int layer) {
    return P.at(offsetOf(name, layer));
  }

  private Ptr g(String name, int layer) {
    return G.at(offsetOf(name, layer));
  }

  private void checkTokens(int[] in, int[] tg) {
    if (in.length != BT || tg.length != BT) {
      throw new IllegalArgumentException("a batch of " + B + "×" + T + " needs " + BT + " inputs and targets, got " + in.length
          + " and " + tg.length);
    }
    for (int i = 0; i < BT; i++) {
      if (in[i] < 0 || in[i] >= V || tg[i] < 0 || tg[i] >= V) {
        throw new IllegalArgumentException("token at position " + i + " outside the vocabulary [0, " + V + "): input " + in[i]
            + ", target " + tg[i]);
      }
    }
  }

  /**
   * Forward pass of one batch (row-major {@code B×T} token ids and next-token targets): the
   * activations are kept for {@link #backward}. Returns the mean cross-entropy (nats), read back
   * from the device.
   */
  public double forward(int[] in, int[] tg) {
    checkTokens(in, tg);
    dev.upload(inputs.ptr(), in);
    dev.upload(targets.ptr(), tg);
    TokenBuckets buckets = TokenBuckets.of(in, V);
    dev.upload(bucketStart.ptr(), buckets.start());
    dev.upload(bucketRows.ptr(), buckets.rows());

    run(ENCODER_FORWARD, (long) BT * C, resIn[0].ptr(), inputs.ptr(), p("wte", -1), p("wpe", -1), BT, T, C);
    for (int l = 0; l < L; l++) {
      run(LAYERNORM_FORWARD, BT, ln1[l].ptr(), ln1Mean[l].ptr(), ln1Rstd[l].ptr(), resIn[l].ptr(), p("ln1w", l), p("ln1b", l),
          BT, C);
      linearForward(qkv[l], ln1[l], C, p("qkvw", l), p("qkvb", l), 3 * C);
      run(ATTENTION_SPLIT_HEADS, (long) BT * C, q[l].ptr(), k[l].ptr(), v[l].ptr(), qkv[l].ptr(), B, T, NH, HS);
      dev.sgemmStridedBatched(false, true, T, T, HS, scale, q[l].ptr(), (long) T * HS, k[l].ptr(), (long) T * HS, 0f,
          att[l].ptr(), (long) T * T, heads); // scores Q·Kᵀ/√HS
      run(SOFTMAX_CAUSAL_FORWARD, rowsAtt, att[l].ptr(), att[l].ptr(), rowsAtt, T); // in place
      dev.sgemmStridedBatched(false, false, T, HS, T, 1f, att[l].ptr(), (long) T * T, v[l].ptr(), (long) T * HS, 0f, y.ptr(),
          (long) T * HS, heads); // P·V
      run(ATTENTION_MERGE_HEADS, (long) BT * C, atty[l].ptr(), y.ptr(), B, T, NH, HS);
      linearForward(res2[l], atty[l], C, p("projw", l), p("projb", l), C);
      run(RESIDUAL_ADD, (long) BT * C, res2[l].ptr(), resIn[l].ptr(), BT * C);
      run(LAYERNORM_FORWARD, BT, ln2[l].ptr(), ln2Mean[l].ptr(), ln2Rstd[l].ptr(), res2[l].ptr(), p("ln2w", l), p("ln2b", l),
          BT, C);
      linearForward(fch[l], ln2[l], C, p("fcw", l), p("fcb", l), F);
      run(GELU_FORWARD, (long) BT * F, fchGelu[l].ptr(), fch[l].ptr(), BT * F);
      linearForward(resIn[l + 1], fchGelu[l], F, p("fcprojw", l), p("fcprojb", l), C);
      run(RESIDUAL_ADD, (long) BT * C, resIn[l + 1].ptr(), res2[l].ptr(), BT * C);
    }
    run(LAYERNORM_FORWARD, BT, lnf.ptr(), lnfMean.ptr(), lnfRstd.ptr(), resIn[L].ptr(), p("lnfw", -1), p("lnfb", -1), BT, C);
    dev.sgemm(false, true, BT, V, C, 1f, lnf.ptr(), p("wte", -1), 0f, logits.ptr()); // tied head: h·wteᵀ
    run(CROSSENTROPY_SOFTMAX_FORWARD, BT, logits.ptr(), losses.ptr(), logits.ptr(), targets.ptr(), BT, V); // probabilities in place
    run(LOSS_MEAN, 1, mean.ptr(), losses.ptr(), BT);
    return dev.downloadDoubles(mean.ptr(), 1)[0];
  }

  /** out[BT×oc] = x[BT×ic]·W + b: the bias broadcast into out, then sgemm with beta 1. */
  private void linearForward(Buffer out, Buffer x, int ic, Ptr w, Ptr b, int oc) {
    run(BIAS_BROADCAST, (long) BT * oc, out.ptr(), b, BT, oc);
    dev.sgemm(false, false, BT, oc, ic, 1f, x.ptr(), w, 1f, out.ptr());
  }

  /** Backward pass of the last {@link #forward}: the gradient block is cleared, then filled. */
  public void backward() {
    dev.zero(G);
    dev.zero(dres);
    run(CROSSENTROPY_SOFTMAX_BACKWARD, (long) BT * V, dlogits.ptr(), logits.ptr(), targets.ptr(), BT, V);
    dev.sgemm(false, false, BT, C, V, 1f, dlogits.ptr(), p("wte", -1), 0f, dtmp.ptr()); // dh = dlogits·wte
    dev.sgemm(true, false, V, C, BT, 1f, dlogits.ptr(), lnf.ptr(), 1f, g("wte", -1)); // dwte += dlogitsᵀ·h
    layerNormBackward("lnfw", "lnfb", -1, dtmp, resIn[L], lnfMean, lnfRstd);
    for (int l = L - 1; l >= 0; l--) {
      // MLP: res3 = res2 + gelu(ln2·fcw + fcb)·fcprojw + fcprojb
      linearBackward("fcprojw", "fcprojb", l, dres, C, fchGelu[l], F, dfch);
      run(GELU_BACKWARD, (long) BT * F, dfch.ptr(), fch[l].ptr(), BT * F);
      linearBackward("fcw", "fcb", l, dfch, F, ln2[l], C, dtmp);
      layerNormBackward("ln2w", "ln2b", l, dtmp, res2[l], ln2Mean[l], ln2Rstd[l]);
      // attention: res2 = resIn + attention(ln1)·projw + projb
      linearBackward("projw", "projb", l, dres, C, atty[l], C, dtmp);
      run(ATTENTION_MERGE_HEADS_BACKWARD, (long) BT * C, dy.ptr(), dtmp.ptr(), B, T, NH, HS);
      long tt = (long) T * T, th = (long) T * HS;
      dev.sgemmStridedBatched(false, true, T, T, HS, 1f, dy.ptr(), th, v[l].ptr(), th, 0f, datt.ptr(), tt, heads); // dP = dY·Vᵀ
      dev.sgemmStridedBatched(true, false, T, HS, T, 1f, att[l].ptr(), tt, dy.ptr(), th, 0f, dv.ptr(), th, heads); // dV = Pᵀ·dY
      run(SOFTMAX_CAUSAL_BACKWARD, rowsAtt, datt.ptr(), datt.ptr(), att[l].ptr(), rowsAtt, T, scale); // dS, in place
      dev.sgemmStridedBatched(false, false, T, HS, T, 1f, datt.ptr(), tt, k[l].ptr(), th, 0f, dq.ptr(), th, heads); // dQ = dS·K
      dev.sgemmStridedBatched(true, false, T, HS, T, 1f, datt.ptr(), tt, q[l].ptr(), th, 0f, dk.ptr(), th, heads); // dK = dSᵀ·Q
      run(ATTENTION_SPLIT_HEADS_BACKWARD, (long) BT * C, dqkv.ptr(), dq.ptr(), dk.ptr(), dv.ptr(), B, T, NH, HS);
      linearBackward("qkvw", "qkvb", l, dqkv, 3 * C, ln1[l], C, dtmp);
      layerNormBackward("ln1w", "ln1b", l, dtmp, resIn[l], ln1Mean[l], ln1Rstd[l]);
    }
    run2(ENCODER_BACKWARD_WTE, C, V, g("wte", -1), dres.ptr(), bucketStart.ptr(), bucketRows.ptr(), V, C);
    run(ENCODER_BACKWARD_WPE, (long) T * C, g("wpe", -1), dres.ptr(), B, T, C);
  }

  /** y = x·W + b backward: dW += xᵀ·dy, db += column sums of dy (two kernels), dx = dy·Wᵀ. */
  private void linearBackward(String w, String b, int layer, Buffer dyIn, int oc, Buffer x, int ic, Buffer dx) {
    dev.sgemm(true, false, ic, oc, BT, 1f, x.ptr(), dyIn.ptr(), 1f, g(w, layer));
    run2(COLUMN_SUMS_PARTIAL, oc, chunks, partA.ptr(), dyIn.ptr(), BT, oc, CHUNK_ROWS);
    run(COLUMN_SUMS_FINISH, oc, g(b, layer), partA.ptr(), chunks, oc);
    dev.sgemm(false, true, BT, ic, oc, 1f, dyIn.ptr(), p(w, layer), 0f, dx.ptr());
  }

  /** LayerNorm backward: dx added into dres; dweight and dbias through partial column sums. */
  private void layerNormBackward(String w, String b, int layer, Buffer dout, Buffer inp, Buffer mu, Buffer rstd) {
    run(LAYERNORM_BACKWARD_DX, BT, dres.ptr(), dout.ptr(), inp.ptr(), mu.ptr(), rstd.ptr(), p(w, layer), BT, C);
    run2(LAYERNORM_BACKWARD_PARAMS_PARTIAL, C, chunks, partA.ptr(), partB.ptr(), dout.ptr(), inp.ptr(), mu.ptr(), rstd.ptr(), BT,
        C, CHUNK_ROWS);
    run(COLUMN_SUMS_FINISH, C, g(w, layer), partA.ptr(), chunks, C);
    run(COLUMN_SUMS_FINISH, C, g(b, layer), partB.ptr(), chunks, C);
  }

  /** {@link #forward} then {@link #backward}; returns the loss. */
  public double forwardBackward(int[] in, int[] tg) {
    double loss = forward(in, tg);
    backward();
    return loss;
  }

  /**
   * One AdamW update at learning rate {@code lr} (the CPU engine's {@code AdamW.update}: global
   * gradient norm, clipping to {@code clipNorm}, bias-corrected moments, decoupled decay where
   * {@link #decayed()}), all on the device.
   */
  public void update(double lr) {
    run(GRAD_NORM_PARTIAL, GRAD_NORM_BLOCKS, normPartial.ptr(), G.ptr(), numParams);
    run(GRAD_NORM_FINISH, 1, norm.ptr(), clip.ptr(), normPartial.ptr(), GRAD_NORM_BLOCKS, settings.clipNorm());
    step++;
    float c1 = (float) (1 / (1 - Math.pow(settings.beta1(), step)));
    float c2 = (float) (1 / (1 - Math.pow(settings.beta2(), step)));
    run(ADAMW_UPDATE, numParams, P.ptr(), G.ptr(), M.ptr(), Vm.ptr(), decayMask.ptr(), clip.ptr(), numParams, (float) lr,
        (float) settings.beta1(), (float) settings.beta2(), c1, c2, (float) settings.eps(),
        (float) (lr * settings.weightDecay()));
  }

  /** The gradient norm (before clipping) of the last {@link #update}, read from the device. */
  public double lastGradNorm() {
    return dev.downloadDoubles(norm.ptr(), 1)[0];
  }

  /** One training step: forward, backward, update; returns the loss before the update. */
  public double trainStep(int[] in, int[] tg, double lr) {
    double loss = forwardBackward(in, tg);
    update(lr);
    return loss;
  }

  /** Device memory the model holds, in bytes. */
  public long deviceBytes() {
    long s = 0;
    for (Buffer b : owned) s += b.length() * b.type().bytes();
    return s;
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    for (Buffer b : owned) dev.free(b);
    owned.clear();
  }
}
