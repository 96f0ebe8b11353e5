package org.scalinglab.hardware;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CUDA kernels of the GPU engine ({@code src/main/resources/org/scalinglab/cuda/*.cu}, listed in
 * {@link GpuKernel}) transcribed statement by statement into Java: the kernels of {@link EmulatedGpuDevice}, and
 * what {@code train.CudaKernelLogicTest} checks against the CPU engine.
 * Each method runs its kernel's body for every (block, thread) of the launch that {@link GpuKernel}'s
 * rule gives, block after block, thread after thread. A device pointer becomes an array (a kernel
 * called in place gets the same array twice); {@code expf}, {@code tanhf}, {@code sqrtf} become
 * the float-rounded {@link Math} functions, which CUDA's are within an ulp or two of.
 *
 * <p>A warp-per-row kernel is transcribed with its 32 lanes explicit: every statement between two
 * warp shuffles runs for lane 0 … 31 in turn (the lanes touch disjoint elements there, so the order
 * does not matter), and {@code __shfl_xor_sync} butterflies are {@link #warpSum}/{@link #warpMax}
 * over the lane array, offsets 16, 8, 4, 2, 1, as on the GPU. The order of every floating-point
 * reduction is therefore the kernel's, not the CPU engine's.
 */
public final class TranscribedCudaKernels {
  public static final int WARP = 32;

  private TranscribedCudaKernels() {}

  /** The body of a kernel for one thread. */
  @FunctionalInterface
  public interface ThreadBody {
    void run(int blockIdxX, int blockIdxY, int threadIdxX, int blockDimX, int gridDimX);
  }

  /** The body of a warp-per-row kernel for one warp (its lanes are explicit inside). */
  @FunctionalInterface
  public interface WarpBody {
    void run(int blockIdxX, int warpInBlock, int blockDimX);
  }

  /** Runs {@code body} for every thread of {@code kernel}'s launch for sizes x, y. */
  public static void launch(GpuKernel kernel, long x, long y, ThreadBody body) {
    KernelLaunch l = kernel.rule().launch(x, y);
    for (int by = 0; by < l.gridY(); by++) {
      for (int bx = 0; bx < l.gridX(); bx++) {
        for (int tx = 0; tx < l.blockX(); tx++) body.run(bx, by, tx, l.blockX(), (int) l.gridX());
      }
    }
  }

  /** Runs {@code body} for every warp of {@code kernel}'s launch for {@code rows} rows. */
  public static void launchWarps(GpuKernel kernel, long rows, WarpBody body) {
    KernelLaunch l = kernel.rule().launch(rows, 1);
    for (int bx = 0; bx < l.gridX(); bx++) {
      for (int w = 0; w < l.blockX() / WARP; w++) body.run(bx, w, l.blockX());
    }
  }

  /** {@code v += __shfl_xor_sync(full, v, offset)} for offsets 16, 8, 4, 2, 1, in every lane. */
  public static float[] warpSum(float[] v) {
    return butterfly(v, Float::sum);
  }

  public static double[] warpSum(double[] v) {
    double[] a = v.clone();
    for (int offset = 16; offset > 0; offset /= 2) {
      double[] b = new double[WARP];
      for (int lane = 0; lane < WARP; lane++) b[lane] = a[lane] + a[lane ^ offset];
      a = b;
    }
    return a;
  }

  /** {@code v = fmaxf(v, __shfl_xor_sync(full, v, offset))} for offsets 16 … 1. */
  public static float[] warpMax(float[] v) {
    return butterfly(v, Math::max);
  }

  /** How a lane combines its value with its partner's in {@link #butterfly}. */
  private interface LaneCombine {
    float apply(float mine, float partner);
  }

  /** The xor butterfly over a warp: at offsets 16, 8, 4, 2, 1 every lane combines with lane ^ offset. */
  private static float[] butterfly(float[] v, LaneCombine combine) {
    float[] a = v.clone();
    for (int offset = 16; offset > 0; offset /= 2) {
      float[] b = new float[WARP];
      for (int lane = 0; lane < WARP; lane++) b[lane] = combine.apply(a[lane], a[lane ^ offset]);
      a = b;
    }
    return a;
  }

  /**
   * gradnorm.cu's {@code block_sum_double}: warp butterflies, warp sums in shared memory, warp 0
   * combines them; the result in thread 0.
   */
  public static double blockSumDouble(double[] perThread) {
    int warps = perThread.length / WARP;
    double[] warpSums = new double[32];
    for (int w = 0; w < warps; w++) {
      double[] lanes = new double[WARP];
      System.arraycopy(perThread, w * WARP, lanes, 0, WARP);
      warpSums[w] = warpSum(lanes)[0];
    }
    double[] t = new double[WARP];
    for (int lane = 0; lane < WARP; lane++) t[lane] = lane < warps ? warpSums[lane] : 0.0;
    return warpSum(t)[0];
  }

  public static float expf(float x) {
    return (float) Math.exp(x);
  }

  public static float tanhf(float x) {
    return (float) Math.tanh(x);
  }

  public static float sqrtf(float x) {
    return (float) Math.sqrt(x);
  }

  // ---------------------------------------------------------------------------------------------
  // encoder.cu

  public static void encoderForward(float[] out, int[] tokens, float[] wte, float[] wpe, int BT, int T, int C) {
    launch(GpuKernel.ENCODER_FORWARD, (long) BT * C, 1, (bx, by, tx, bd, gd) -> {
      int i = bx * bd + tx;
      if (i >= BT * C) return;
      int r = i / C, c = i % C;
      int t = r % T;
      out[i] = wte[tokens[r] * C + c] + wpe[t * C + c];
    });
  }

  public static void encoderBackwardWpe(float[] dwpe, float[] dout, int B, int T, int C) {
    launch(GpuKernel.ENCODER_BACKWARD_WPE, (long) T * C, 1, (bx, by, tx, bd, gd) -> {
      int i = bx * bd + tx;
      if (i >= T * C) return;
      int t = i / C, c = i % C;
      float acc = dwpe[i];
      for (int b = 0; b < B; b++) acc += dout[(b * T + t) * C + c];
      dwpe[i] = acc;
    });
  }

  public static void encoderBackwardWte(float[] dwte, float[] dout, int[] bucketStart, int[] bucketRows, int V, int C) {
    launch(GpuKernel.ENCODER_BACKWARD_WTE, C, V, (bx, by, tx, bd, gd) -> {
      int v = by;
      int c = bx * bd + tx;
      if (v >= V || c >= C) return;
      int begin = bucketStart[v], end = bucketStart[v + 1];
      if (begin == end) return;
      float acc = dwte[v * C + c];
      for (int i = begin; i < end; i++) acc += dout[bucketRows[i] * C + c];
      dwte[v * C + c] = acc;
    });
  }

  // ---------------------------------------------------------------------------------------------
  // layernorm.cu

  public static void layernormForward(float[] out, float[] mean, float[] rstd, float[] inp, float[] weight, float[] bias,
      int rows, int C) {
    launchWarps(GpuKernel.LAYERNORM_FORWARD, rows, (bx, warp, bd) -> {
      int warps = bd / WARP;
      int row = bx * warps + warp;
      if (row >= rows) return;
      int x = row * C, y = row * C;

      double[] s = new double[WARP];
      for (int lane = 0; lane < WARP; lane++) {
        for (int c = lane; c < C; c += 32) s[lane] += inp[x + c];
      }
      double[] sSum = warpSum(s);
      float[] m = new float[WARP];
      for (int lane = 0; lane < WARP; lane++) m[lane] = (float) (sSum[lane] / C);

      double[] v = new double[WARP];
      for (int lane = 0; lane < WARP; lane++) {
        for (int c = lane; c < C; c += 32) {
          float d = inp[x + c] - m[lane];
          v[lane] += d * d;
        }
      }
      double[] vSum = warpSum(v);
      float[] r = new float[WARP];
      for (int lane = 0; lane < WARP; lane++) r[lane] = (float) (1.0 / Math.sqrt(vSum[lane] / C + (double) 1e-5f));

      for (int lane = 0; lane < WARP; lane++) {
        for (int c = lane; c < C; c += 32) out[y + c] = (inp[x + c] - m[lane]) * r[lane] * weight[c] + bias[c];
      }
      mean[row] = m[0];
      rstd[row] = r[0];
    });
  }

  public static void layernormBackwardDx(float[] dinp, float[] dout, float[] inp, float[] mean, float[] rstd, float[] weight,
      int rows, int C) {
    launchWarps(GpuKernel.LAYERNORM_BACKWARD_DX, rows, (bx, warp, bd) -> {
      int warps = bd / WARP;
      int row = bx * warps + warp;
      if (row >= rows) return;
      int o = row * C;
      float m = mean[row], r = rstd[row];

      float[] sumD = new float[WARP], sumDX = new float[WARP];
      for (int lane = 0; lane < WARP; lane++) {
        for (int c = lane; c < C; c += 32) {
          float xhat = (inp[o + c] - m) * r;
          float dn = dout[o + c] * weight[c];
          sumD[lane] += dn;
          sumDX[lane] += dn * xhat;
        }
      }
      float meanD = warpSum(sumD)[0] / C;
      float meanDX = warpSum(sumDX)[0] / C;

      for (int lane = 0; lane < WARP; lane++) {
        for (int c = lane; c < C; c += 32) {
          float xhat = (inp[o + c] - m) * r;
          float dn = dout[o + c] * weight[c];
          dinp[o + c] = dinp[o + c] + r * (dn - meanD - xhat * meanDX);
        }
      }
    });
  }

  public static void layernormBackwardParamsPartial(float[] partialDweight, float[] partialDbias, float[] dout, float[] inp,
      float[] mean, float[] rstd, int rows, int C, int chunkRows) {
    int chunks = (rows + chunkRows - 1) / chunkRows;
    launch(GpuKernel.LAYERNORM_BACKWARD_PARAMS_PARTIAL, C, chunks, (bx, by, tx, bd, gd) -> {
      int c = bx * bd + tx;
      int k = by;
      if (c >= C) return;
      int begin = k * chunkRows;
      int end = Math.min(rows, begin + chunkRows);
      float dw = 0f, db = 0f;
      for (int r = begin; r < end; r++) {
        int i = r * C + c;
        float xhat = (inp[i] - mean[r]) * rstd[r];
        dw += dout[i] * xhat;
        db += dout[i];
      }
      partialDweight[k * C + c] = dw;
      partialDbias[k * C + c] = db;
    });
  }

  // ---------------------------------------------------------------------------------------------
  // linear.cu

  public static void biasBroadcast(float[] out, float[] bias, int rows, int width) {
    launch(GpuKernel.BIAS_BROADCAST, (long) rows * width, 1, (bx, by, tx, bd, gd) -> {
      int i = bx * bd + tx;
      if (i >= rows * width) return;
      out[i] = bias[i % width];
    });
  }

  public static void columnSumsPartial(float[] partial, float[] d, int rows, int width, int chunkRows) {
    int chunks = (rows + chunkRows - 1) / chunkRows;
    launch(GpuKernel.COLUMN_SUMS_PARTIAL, width, chunks, (bx, by, tx, bd, gd) -> {
      int j = bx * bd + tx;
      int k = by;
      if (j >= width) return;
      int begin = k * chunkRows;
      int end = Math.min(rows, begin + chunkRows);
      float s = 0f;
      for (int r = begin; r < end; r++) s += d[r * width + j];
      partial[k * width + j] = s;
    });
  }

  /** column_sums_finish on {@code g} from offset {@code gOff} (the host passes a pointer into the gradient block). */
  public static void columnSumsFinish(float[] g, int gOff, float[] partial, int chunks, int width) {
    launch(GpuKernel.COLUMN_SUMS_FINISH, width, 1, (bx, by, tx, bd, gd) -> {
      int j = bx * bd + tx;
      if (j >= width) return;
      float acc = g[gOff + j];
      for (int k = 0; k < chunks; k++) acc += partial[k * width + j];
      g[gOff + j] = acc;
    });
  }

  // ---------------------------------------------------------------------------------------------
  // residual.cu, gelu.cu

  public static void residualAdd(float[] x, float[] y, int n) {
    launch(GpuKernel.RESIDUAL_ADD, n, 1, (bx, by, tx, bd, gd) -> {
      int i = bx * bd + tx;
      if (i < n) x[i] = x[i] + y[i];
    });
  }

  /** gelu.cu's {@code GELU_C}, read from the source (the logic test checks it is the CPU engine's float). */
  public static final float GELU_C = readGeluC();

  private static float readGeluC() {
    Matcher m = Pattern.compile("#define GELU_C ([0-9.]+)f").matcher(GpuKernel.GELU_FORWARD.source());
    if (!m.find()) throw new IllegalStateException("gelu.cu does not define GELU_C");
    return Float.parseFloat(m.group(1));
  }

  public static void geluForward(float[] out, float[] inp, int n) {
    launch(GpuKernel.GELU_FORWARD, n, 1, (bx, by, tx, bd, gd) -> {
      int i = bx * bd + tx;
      if (i >= n) return;
      float u = inp[i];
      float t = tanhf(GELU_C * (u + 0.044715f * u * u * u));
      out[i] = 0.5f * u * (1.0f + t);
    });
  }

  public static void geluBackward(float[] d, float[] inp, int n) {
    launch(GpuKernel.GELU_BACKWARD, n, 1, (bx, by, tx, bd, gd) -> {
      int i = bx * bd + tx;
      if (i >= n) return;
      float u = inp[i];
      float t = tanhf(GELU_C * (u + 0.044715f * u * u * u));
      float dt = GELU_C * (1.0f + 3.0f * 0.044715f * u * u) * (1.0f - t * t);
      float grad = 0.5f * (1.0f + t) + 0.5f * u * dt;
      d[i] = d[i] * grad;
    });
  }

  // ---------------------------------------------------------------------------------------------
  // attention.cu

  /** attention.cu's {@code token_major}: the [B][T][width] offset of element i of a [B][NH][T][HS] tensor. */
  static long tokenMajor(int i, int T, int NH, int HS, int width) {
    int d = i % HS;
    int t = (i / HS) % T;
    int h = (i / (HS * T)) % NH;
    int b = i / (HS * T * NH);
    return ((long) b * T + t) * width + h * HS + d;
  }

  public static void attentionSplitHeads(float[] q, float[] k, float[] v, float[] qkv, int B, int T, int NH, int HS) {
    launch(GpuKernel.ATTENTION_SPLIT_HEADS, (long) B * NH * T * HS, 1, (bx, by, tx, bd, gd) -> {
      int i = bx * bd + tx;
      if (i >= B * NH * T * HS) return;
      int C = NH * HS;
      long src = tokenMajor(i, T, NH, HS, 3 * C);
      q[i] = qkv[(int) src];
      k[i] = qkv[(int) (src + C)];
      v[i] = qkv[(int) (src + 2 * C)];
    });
  }

  public static void attentionMergeHeads(float[] out, float[] y, int B, int T, int NH, int HS) {
    launch(GpuKernel.ATTENTION_MERGE_HEADS, (long) B * NH * T * HS, 1, (bx, by, tx, bd, gd) -> {
      int i = bx * bd + tx;
      if (i >= B * NH * T * HS) return;
      out[(int) tokenMajor(i, T, NH, HS, NH * HS)] = y[i];
    });
  }

  public static void attentionMergeHeadsBackward(float[] dy, float[] dout, int B, int T, int NH, int HS) {
    launch(GpuKernel.ATTENTION_MERGE_HEADS_BACKWARD, (long) B * NH * T * HS, 1, (bx, by, tx, bd, gd) -> {
      int i = bx * bd + tx;
      if (i >= B * NH * T * HS) return;
      dy[i] = dout[(int) tokenMajor(i, T, NH, HS, NH * HS)];
    });
  }

  public static void attentionSplitHeadsBackward(float[] dqkv, float[] dq, float[] dk, float[] dv, int B, int T, int NH, int HS) {
    launch(GpuKernel.ATTENTION_SPLIT_HEADS_BACKWARD, (long) B * NH * T * HS, 1, (bx, by, tx, bd, gd) -> {
      int i = bx * bd + tx;
      if (i >= B * NH * T * HS) return;
      int C = NH * HS;
      long dst = tokenMajor(i, T, NH, HS, 3 * C);
      dqkv[(int) dst] = dq[i];
      dqkv[(int) (dst + C)] = dk[i];
      dqkv[(int) (dst + 2 * C)] = dv[i];
    });
  }

  public static void softmaxCausalForward(float[] att, float[] preatt, int rows, int T) {
    launchWarps(GpuKernel.SOFTMAX_CAUSAL_FORWARD, rows, (bx, warp, bd) -> {
      int warps = bd / WARP;
      int row = bx * warps + warp;
      if (row >= rows) return;
      int t = row % T;
      int x = row * T, p = row * T;

      float[] m = new float[WARP];
      for (int lane = 0; lane < WARP; lane++) {
        m[lane] = -3.402823466e38f;
        for (int s = lane; s <= t; s += 32) m[lane] = Math.max(m[lane], preatt[x + s]);
      }
      m = warpMax(m);

      float[] sum = new float[WARP];
      for (int lane = 0; lane < WARP; lane++) {
        for (int s = lane; s <= t; s += 32) {
          float e = expf(preatt[x + s] - m[lane]);
          att[p + s] = e;
          sum[lane] += e;
        }
      }
      float[] total = warpSum(sum);

      for (int lane = 0; lane < WARP; lane++) {
        float inv = 1.0f / total[lane];
        for (int s = lane; s < T; s += 32) att[p + s] = s <= t ? att[p + s] * inv : 0.0f;
      }
    });
  }

  public static void softmaxCausalBackward(float[] dpreatt, float[] datt, float[] att, int rows, int T, float scale) {
    launchWarps(GpuKernel.SOFTMAX_CAUSAL_BACKWARD, rows, (bx, warp, bd) -> {
      int warps = bd / WARP;
      int row = bx * warps + warp;
      if (row >= rows) return;
      int t = row % T;
      int o = row * T;

      float[] dot = new float[WARP];
      for (int lane = 0; lane < WARP; lane++) {
        for (int s = lane; s <= t; s += 32) dot[lane] += att[o + s] * datt[o + s];
      }
      dot = warpSum(dot);

      for (int lane = 0; lane < WARP; lane++) {
        for (int s = lane; s < T; s += 32) {
          dpreatt[o + s] = s <= t ? scale * att[o + s] * (datt[o + s] - dot[lane]) : 0.0f;
        }
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // crossentropy.cu

  public static void crossentropySoftmaxForward(float[] probs, double[] losses, float[] logits, int[] targets, int rows, int V) {
    launchWarps(GpuKernel.CROSSENTROPY_SOFTMAX_FORWARD, rows, (bx, warp, bd) -> {
      int warps = bd / WARP;
      int row = bx * warps + warp;
      if (row >= rows) return;
      int x = row * V, p = row * V;

      float[] m = new float[WARP];
      for (int lane = 0; lane < WARP; lane++) {
        m[lane] = -3.402823466e38f;
        for (int v = lane; v < V; v += 32) m[lane] = Math.max(m[lane], logits[x + v]);
      }
      m = warpMax(m);

      double[] sum = new double[WARP];
      for (int lane = 0; lane < WARP; lane++) {
        for (int v = lane; v < V; v += 32) {
          float e = expf(logits[x + v] - m[lane]);
          probs[p + v] = e;
          sum[lane] += e;
        }
      }
      double[] total = warpSum(sum);
      for (int lane = 0; lane < WARP; lane++) {
        float inv = (float) (1.0 / total[lane]);
        for (int v = lane; v < V; v += 32) probs[p + v] = probs[p + v] * inv;
      }
      losses[row] = -Math.log(Math.max(probs[p + targets[row]], 1e-30f));
    });
  }

  public static void crossentropySoftmaxBackward(float[] dlogits, float[] probs, int[] targets, int rows, int V) {
    launch(GpuKernel.CROSSENTROPY_SOFTMAX_BACKWARD, (long) rows * V, 1, (bx, by, tx, bd, gd) -> {
      int i = bx * bd + tx;
      if (i >= rows * V) return;
      int r = i / V, v = i % V;
      float inv = 1.0f / (float) rows;
      float d = probs[i] * inv;
      if (v == targets[r]) d = d - inv;
      dlogits[i] = d;
    });
  }

  public static void crossentropySoftmaxForwardBackward(float[] dlogits, double[] losses, float[] logits, int[] targets,
      int rows, int V) {
    launchWarps(GpuKernel.CROSSENTROPY_SOFTMAX_FORWARD_BACKWARD, rows, (bx, warp, bd) -> {
      int warps = bd / WARP;
      int row = bx * warps + warp;
      if (row >= rows) return;
      int x = row * V, d = row * V;
      int target = targets[row];
      float invRows = 1.0f / (float) rows;

      float[] m = new float[WARP];
      for (int lane = 0; lane < WARP; lane++) {
        m[lane] = -3.402823466e38f;
        for (int v = lane; v < V; v += 32) m[lane] = Math.max(m[lane], logits[x + v]);
      }
      m = warpMax(m);

      double[] sum = new double[WARP];
      for (int lane = 0; lane < WARP; lane++) {
        for (int v = lane; v < V; v += 32) sum[lane] += expf(logits[x + v] - m[lane]);
      }
      double[] total = warpSum(sum);

      for (int lane = 0; lane < WARP; lane++) {
        float inv = (float) (1.0 / total[lane]);
        for (int v = lane; v < V; v += 32) {
          float p = expf(logits[x + v] - m[lane]) * inv;
          float g = p * invRows;
          if (v == target) {
            g = g - invRows;
            losses[row] = -Math.log(Math.max(p, 1e-30f));
          }
          dlogits[d + v] = g;
        }
      }
    });
  }

  public static void lossMean(double[] mean, double[] losses, int rows) {
    int blockDim = GpuKernel.LOSS_MEAN.rule().launch(1).blockX();
    double[] s = new double[blockDim];
    for (int tid = 0; tid < blockDim; tid++) {
      for (int r = tid; r < rows; r += blockDim) s[tid] += losses[r];
    }
    mean[0] = blockSumDouble(s) / rows;
  }

  // ---------------------------------------------------------------------------------------------
  // gradnorm.cu, adamw.cu

  public static void gradNormPartial(double[] partial, float[] g, int n) {
    int grid = GpuKernel.GRAD_NORM_BLOCKS;
    int blockDim = GpuKernel.GRAD_NORM_PARTIAL.rule().launch(grid).blockX();
    int stride = grid * blockDim;
    for (int bx = 0; bx < grid; bx++) {
      double[] s = new double[blockDim];
      for (int tid = 0; tid < blockDim; tid++) {
        for (int i = bx * blockDim + tid; i < n; i += stride) {
          double x = g[i];
          s[tid] += x * x;
        }
      }
      partial[bx] = blockSumDouble(s);
    }
  }

  public static void gradNormFinish(double[] norm, float[] clipScale, double[] partial, int blocks, double clipNorm) {
    int blockDim = GpuKernel.GRAD_NORM_FINISH.rule().launch(1).blockX();
    double[] s = new double[blockDim];
    for (int tid = 0; tid < blockDim; tid++) {
      for (int i = tid; i < blocks; i += blockDim) s[tid] += partial[i];
    }
    double total = Math.sqrt(blockSumDouble(s));
    norm[0] = total;
    clipScale[0] = clipNorm > 0.0 && total > clipNorm ? (float) (clipNorm / total) : 1.0f;
  }

  public static void adamwUpdate(float[] params, float[] grads, float[] m, float[] v, byte[] decayed, float[] clipScale, int n,
      float lr, float beta1, float beta2, float c1, float c2, float eps, float decay) {
    launch(GpuKernel.ADAMW_UPDATE, n, 1, (bx, by, tx, bd, gd) -> {
      int i = bx * bd + tx;
      if (i >= n) return;
      float gi = grads[i] * clipScale[0];
      float mi = beta1 * m[i] + (1.0f - beta1) * gi;
      float vi = beta2 * v[i] + (1.0f - beta2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      float theta = params[i];
      float upd = lr * (mi * c1) / (sqrtf(vi * c2) + eps);
      if (decayed[i] != 0) upd += decay * theta;
      params[i] = theta - upd;
    });
  }
}
