package org.scalinglab.hardware;

import static org.scalinglab.hardware.TranscribedCudaKernels.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link GpuDevice} in Java: buffers are arrays, a kernel launch runs the kernel's Java
 * transcription ({@link TranscribedCudaKernels}: the same statements over the same (block, thread)
 * indices), and the matrix products are plain loops summed in double (a stand-in for cuBLAS). It runs
 * the GPU engine's host code on any machine, so what only the host decides is tested without a GPU:
 * buffer sizes, offsets into the parameter and gradient blocks, the order and types of every kernel's
 * arguments, launch geometry and the sequence of calls. Slow (every thread is a Java call): for small
 * models.
 *
 * <p>Checks on every launch, each failing with one line naming the kernel: the argument count and
 * each argument's kind against the kernel's C declaration ({@link GpuKernel#parameters()}: a pointer
 * must be a {@link GpuDevice.Ptr} to a buffer of the pointed type, {@code int}/{@code float}/
 * {@code double} an {@code Integer}/{@code Float}/{@code Double}); the launch geometry against the
 * kernel's {@link LaunchRule} for the sizes in its arguments; and (by the arrays' bounds) that no
 * thread reads or writes past the end of a buffer. A pointer into the middle of a buffer becomes a
 * copy of the rest of the buffer, written back after the launch when the pointer is not {@code const}.
 */
public final class EmulatedGpuDevice implements GpuDevice {
  private static final class Mem implements Buffer {
    final Type type;
    final int length;
    final Object array;
    boolean freed;

    Mem(Type type, int length) {
      this.type = type;
      this.length = length;
      this.array = switch (type) {
        case FLOAT -> new float[length];
        case DOUBLE -> new double[length];
        case INT -> new int[length];
        case BYTE -> new byte[length];
      };
    }

    @Override
    public Type type() {
      return type;
    }

    @Override
    public long length() {
      return length;
    }
  }

  private final List<Mem> live = new ArrayList<>();
  private final Map<GpuKernel, Integer> launches = new EnumMap<>(GpuKernel.class);
  private long gemms;
  private long allocatedBytes;

  @Override
  public Buffer alloc(Type type, long length) {
    if (length < 1 || length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("emulated buffer of " + length + " elements (1 to 2^31 - 9)");
    }
    Mem m = new Mem(type, (int) length);
    live.add(m);
    allocatedBytes += length * type.bytes();
    return m;
  }

  private Mem mem(Buffer b) {
    if (!(b instanceof Mem m) || !live.contains(m)) {
      throw new IllegalArgumentException("not a live buffer of this emulated device: " + b);
    }
    return m;
  }

  private Mem mem(Ptr p, Type type, long count, String what) {
    Mem m = mem(p.buffer());
    if (m.type != type) throw new IllegalArgumentException(what + ": buffer of " + m.type + ", expected " + type);
    if (p.offset() + count > m.length) {
      throw new IllegalArgumentException(what + ": " + count + " elements from offset " + p.offset() + " overrun a buffer of "
          + m.length);
    }
    return m;
  }

  @Override
  public void free(Buffer buffer) {
    if (buffer instanceof Mem m && live.remove(m)) {
      m.freed = true;
      allocatedBytes -= (long) m.length * m.type.bytes();
    }
  }

  @Override
  public void zero(Buffer buffer) {
    Mem m = mem(buffer);
    switch (m.type) {
      case FLOAT -> Arrays.fill((float[]) m.array, 0f);
      case DOUBLE -> Arrays.fill((double[]) m.array, 0.0);
      case INT -> Arrays.fill((int[]) m.array, 0);
      case BYTE -> Arrays.fill((byte[]) m.array, (byte) 0);
    }
  }

  @Override
  public void upload(Ptr dst, float[] src) {
    System.arraycopy(src, 0, mem(dst, Type.FLOAT, src.length, "upload").array, (int) dst.offset(), src.length);
  }

  @Override
  public void upload(Ptr dst, int[] src) {
    System.arraycopy(src, 0, mem(dst, Type.INT, src.length, "upload").array, (int) dst.offset(), src.length);
  }

  @Override
  public void upload(Ptr dst, byte[] src) {
    System.arraycopy(src, 0, mem(dst, Type.BYTE, src.length, "upload").array, (int) dst.offset(), src.length);
  }

  @Override
  public float[] downloadFloats(Ptr src, int count) {
    float[] a = (float[]) mem(src, Type.FLOAT, count, "download").array;
    return Arrays.copyOfRange(a, (int) src.offset(), (int) src.offset() + count);
  }

  @Override
  public double[] downloadDoubles(Ptr src, int count) {
    double[] a = (double[]) mem(src, Type.DOUBLE, count, "download").array;
    return Arrays.copyOfRange(a, (int) src.offset(), (int) src.offset() + count);
  }

  // ------------------------------------------------------------------------------------ kernels

  /** The arguments of one launch, checked against the declaration; pointers as arrays. */
  private final class Args {
    final GpuKernel kernel;
    final List<GpuKernel.Parameter> params;
    final Object[] args;
    final Object[] arrays;
    final Map<Mem, Map<Long, Object>> views = new IdentityHashMap<>();

    Args(GpuKernel kernel, Object[] args) {
      this.kernel = kernel;
      this.params = kernel.parameters();
      this.args = args;
      if (args.length != params.size()) {
        throw new IllegalArgumentException(kernel.kernelName() + " takes " + params.size() + " arguments ("
            + kernel.declaration() + "), got " + args.length);
      }
      arrays = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        GpuKernel.Parameter p = params.get(i);
        Object a = args[i];
        String where = kernel.kernelName() + " argument " + i + " (" + p + ")";
        if (p.isPointer()) {
          if (!(a instanceof Ptr ptr)) throw new IllegalArgumentException(where + ": expected a device pointer, got " + describe(a));
          String type = p.type().replace("const ", "").trim();
          Mem m = mem(ptr.buffer());
          if (!m.type.cType().equals(type)) {
            throw new IllegalArgumentException(where + ": a buffer of " + m.type.cType() + ", expected " + type);
          }
          arrays[i] = view(m, ptr.offset());
        } else {
          boolean ok = switch (p.type()) {
            case "int" -> a instanceof Integer;
            case "float" -> a instanceof Float;
            case "double" -> a instanceof Double;
            default -> false;
          };
          if (!ok) throw new IllegalArgumentException(where + ": got " + describe(a));
        }
      }
    }

    private Object view(Mem m, long offset) {
      if (offset == 0) return m.array;
      return views.computeIfAbsent(m, k -> new java.util.HashMap<>()).computeIfAbsent(offset, o -> {
        int from = (int) (long) o;
        return switch (m.type) {
          case FLOAT -> Arrays.copyOfRange((float[]) m.array, from, m.length);
          case DOUBLE -> Arrays.copyOfRange((double[]) m.array, from, m.length);
          case INT -> Arrays.copyOfRange((int[]) m.array, from, m.length);
          case BYTE -> Arrays.copyOfRange((byte[]) m.array, from, m.length);
        };
      });
    }

    /** Copies the views of non-const pointers back into their buffers. */
    void writeBack() {
      for (int i = 0; i < args.length; i++) {
        GpuKernel.Parameter p = params.get(i);
        if (!p.isPointer() || p.type().startsWith("const")) continue;
        Ptr ptr = (Ptr) args[i];
        if (ptr.offset() == 0) continue;
        Mem m = mem(ptr.buffer());
        System.arraycopy(arrays[i], 0, m.array, (int) ptr.offset(), m.length - (int) ptr.offset());
      }
    }

    float[] f(int i) {
      return (float[]) arrays[i];
    }

    double[] d(int i) {
      return (double[]) arrays[i];
    }

    int[] ints(int i) {
      return (int[]) arrays[i];
    }

    byte[] bytes(int i) {
      return (byte[]) arrays[i];
    }

    int i(int i) {
      return (Integer) args[i];
    }

    float fl(int i) {
      return (Float) args[i];
    }

    double dbl(int i) {
      return (Double) args[i];
    }
  }

  private static String describe(Object a) {
    return a == null ? "null" : a.getClass().getSimpleName() + " " + a;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /** The launch the kernel's rule gives for the sizes in its arguments. */
  private static KernelLaunch expected(GpuKernel k, Args a) {
    LaunchRule r = k.rule();
    return switch (k) {
      case ENCODER_FORWARD -> r.launch((long) a.i(4) * a.i(6));
      case ENCODER_BACKWARD_WPE -> r.launch((long) a.i(3) * a.i(4));
      case ENCODER_BACKWARD_WTE -> r.launch(a.i(5), a.i(4));
      case LAYERNORM_FORWARD, LAYERNORM_BACKWARD_DX -> r.launch(a.i(6));
      case LAYERNORM_BACKWARD_PARAMS_PARTIAL -> r.launch(a.i(7), ceilDiv(a.i(6), a.i(8)));
      case BIAS_BROADCAST -> r.launch((long) a.i(2) * a.i(3));
      case COLUMN_SUMS_PARTIAL -> r.launch(a.i(3), ceilDiv(a.i(2), a.i(4)));
      case COLUMN_SUMS_FINISH -> r.launch(a.i(3));
      case ATTENTION_SPLIT_HEADS, ATTENTION_SPLIT_HEADS_BACKWARD -> r.launch((long) a.i(4) * a.i(5) * a.i(6) * a.i(7));
      case ATTENTION_MERGE_HEADS, ATTENTION_MERGE_HEADS_BACKWARD -> r.launch((long) a.i(2) * a.i(3) * a.i(4) * a.i(5));
      case SOFTMAX_CAUSAL_FORWARD -> r.launch(a.i(2));
      case SOFTMAX_CAUSAL_BACKWARD -> r.launch(a.i(3));
      case GELU_FORWARD, GELU_BACKWARD, RESIDUAL_ADD -> r.launch(a.i(2));
      case CROSSENTROPY_SOFTMAX_FORWARD, CROSSENTROPY_SOFTMAX_FORWARD_BACKWARD -> r.launch(a.i(4));
      case CROSSENTROPY_SOFTMAX_BACKWARD -> r.launch((long) a.i(3) * a.i(4));
      case LOSS_MEAN, GRAD_NORM_FINISH -> r.launch(1);
      case GRAD_NORM_PARTIAL -> r.launch(GpuKernel.GRAD_NORM_BLOCKS);
      case ADAMW_UPDATE -> r.launch(a.i(6));
      case MATMUL_NAIVE, MATMUL_TILED -> r.launch(a.i(4), a.i(3));
    };
  }

  @Override
  public void launch(GpuKernel kernel, KernelLaunch launch, Object... args) {
    Args a = new Args(kernel, args);
    KernelLaunch want = expected(kernel, a);
    if (!want.equals(launch)) {
      throw new IllegalArgumentException(kernel.kernelName() + " launched as " + launch + " but its rule " + kernel.rule()
          + " gives " + want + " for the sizes in its arguments");
    }
    switch (kernel) {
      case ENCODER_FORWARD -> encoderForward(a.f(0), a.ints(1), a.f(2), a.f(3), a.i(4), a.i(5), a.i(6));
      case ENCODER_BACKWARD_WPE -> encoderBackwardWpe(a.f(0), a.f(1), a.i(2), a.i(3), a.i(4));
      case ENCODER_BACKWARD_WTE -> encoderBackwardWte(a.f(0), a.f(1), a.ints(2), a.ints(3), a.i(4), a.i(5));
      case LAYERNORM_FORWARD -> layernormForward(a.f(0), a.f(1), a.f(2), a.f(3), a.f(4), a.f(5), a.i(6), a.i(7));
      case LAYERNORM_BACKWARD_DX -> layernormBackwardDx(a.f(0), a.f(1), a.f(2), a.f(3), a.f(4), a.f(5), a.i(6), a.i(7));
      case LAYERNORM_BACKWARD_PARAMS_PARTIAL -> layernormBackwardParamsPartial(a.f(0), a.f(1), a.f(2), a.f(3), a.f(4),
          a.f(5), a.i(6), a.i(7), a.i(8));
      case BIAS_BROADCAST -> biasBroadcast(a.f(0), a.f(1), a.i(2), a.i(3));
      case COLUMN_SUMS_PARTIAL -> columnSumsPartial(a.f(0), a.f(1), a.i(2), a.i(3), a.i(4));
      case COLUMN_SUMS_FINISH -> columnSumsFinish(a.f(0), 0, a.f(1), a.i(2), a.i(3));
      case ATTENTION_SPLIT_HEADS -> attentionSplitHeads(a.f(0), a.f(1), a.f(2), a.f(3), a.i(4), a.i(5), a.i(6), a.i(7));
      case ATTENTION_MERGE_HEADS -> attentionMergeHeads(a.f(0), a.f(1), a.i(2), a.i(3), a.i(4), a.i(5));
      case ATTENTION_MERGE_HEADS_BACKWARD -> attentionMergeHeadsBackward(a.f(0), a.f(1), a.i(2), a.i(3), a.i(4), a.i(5));
      case ATTENTION_SPLIT_HEADS_BACKWARD -> attentionSplitHeadsBackward(a.f(0), a.f(1), a.f(2), a.f(3), a.i(4), a.i(5),
          a.i(6), a.i(7));
      case SOFTMAX_CAUSAL_FORWARD -> softmaxCausalForward(a.f(0), a.f(1), a.i(2), a.i(3));
      case SOFTMAX_CAUSAL_BACKWARD -> softmaxCausalBackward(a.f(0), a.f(1), a.f(2), a.i(3), a.i(4), a.fl(5));
      case GELU_FORWARD -> geluForward(a.f(0), a.f(1), a.i(2));
      case GELU_BACKWARD -> geluBackward(a.f(0), a.f(1), a.i(2));
      case RESIDUAL_ADD -> residualAdd(a.f(0), a.f(1), a.i(2));
      case CROSSENTROPY_SOFTMAX_FORWARD -> crossentropySoftmaxForward(a.f(0), a.d(1), a.f(2), a.ints(3), a.i(4), a.i(5));
      case CROSSENTROPY_SOFTMAX_BACKWARD -> crossentropySoftmaxBackward(a.f(0), a.f(1), a.ints(2), a.i(3), a.i(4));
      case CROSSENTROPY_SOFTMAX_FORWARD_BACKWARD -> crossentropySoftmaxForwardBackward(a.f(0), a.d(1), a.f(2), a.ints(3),
          a.i(4), a.i(5));
      case LOSS_MEAN -> lossMean(a.d(0), a.d(1), a.i(2));
      case GRAD_NORM_PARTIAL -> {
        if (a.d(0).length < GpuKernel.GRAD_NORM_BLOCKS) {
          throw new IllegalArgumentException("grad_norm_partial: partial holds " + a.d(0).length + " doubles, the launch writes "
              + GpuKernel.GRAD_NORM_BLOCKS);
        }
        gradNormPartial(a.d(0), a.f(1), a.i(2));
      }
      case GRAD_NORM_FINISH -> gradNormFinish(a.d(0), a.f(1), a.d(2), a.i(3), a.dbl(4));
      case ADAMW_UPDATE -> adamwUpdate(a.f(0), a.f(1), a.f(2), a.f(3), a.bytes(4), a.f(5), a.i(6), a.fl(7), a.fl(8), a.fl(9),
          a.fl(10), a.fl(11), a.fl(12), a.fl(13));
      case MATMUL_NAIVE, MATMUL_TILED -> throw new UnsupportedOperationException(
          kernel.kernelName() + " has no transcription (the engine's products are sgemm calls)");
    }
    a.writeBack();
    launches.merge(kernel, 1, Integer::sum);
  }

  // ------------------------------------------------------------------------------------- gemm

  @Override
  public void sgemm(boolean transA, boolean transB, int M, int N, int K, float alpha, Ptr A, Ptr B, float beta, Ptr C) {
    sgemmStridedBatched(transA, transB, M, N, K, alpha, A, 0, B, 0, beta, C, 0, 1);
  }

  @Override
  public void sgemmStridedBatched(boolean transA, boolean transB, int M, int N, int K, float alpha, Ptr A, long strideA,
      Ptr B, long strideB, float beta, Ptr C, long strideC, int batch) {
    if (M < 1 || N < 1 || K < 1 || batch < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "sgemm of M=%d N=%d K=%d batch %d", M, N, K, batch));
    }
    float[] a = (float[]) mem(A, Type.FLOAT, (batch - 1) * strideA + (long) M * K, "sgemm A").array;
    float[] b = (float[]) mem(B, Type.FLOAT, (batch - 1) * strideB + (long) K * N, "sgemm B").array;
    float[] c = (float[]) mem(C, Type.FLOAT, (batch - 1) * strideC + (long) M * N, "sgemm C").array;
    int lda = transA ? M : K, ldb = transB ? K : N, ldc = N;
    for (int q = 0; q < batch; q++) {
      int aOff = (int) (A.offset() + q * strideA), bOff = (int) (B.offset() + q * strideB), cOff = (int) (C.offset() + q * strideC);
      double[] row = new double[N];
      for (int i = 0; i < M; i++) {
        Arrays.fill(row, 0.0);
        for (int k = 0; k < K; k++) {
          double x = transA ? a[aOff + k * lda + i] : a[aOff + i * lda + k];
          if (x == 0) continue;
          if (transB) {
            for (int j = 0; j < N; j++) row[j] += x * b[bOff + j * ldb + k];
          } else {
            int o = bOff + k * ldb;
            for (int j = 0; j < N; j++) row[j] += x * b[o + j];
          }
        }
        int o = cOff + i * ldc;
        for (int j = 0; j < N; j++) c[o + j] = (float) (alpha * row[j] + (beta == 0f ? 0.0 : beta * c[o + j]));
      }
    }
    gemms++;
  }

  @Override
  public void synchronize() {}

  @Override
  public String describe() {
    return "emulated GPU (CUDA kernels as Java transcriptions, products in double; " + live.size() + " buffers, "
        + allocatedBytes + " bytes)";
  }

  /** Launches so far, by kernel. */
  public Map<GpuKernel, Integer> launches() {
    return new EnumMap<>(launches.isEmpty() ? new EnumMap<>(GpuKernel.class) : launches);
  }

  /** Matrix-product calls so far (a strided batch counts once). */
  public long gemms() {
    return gemms;
  }

  /** Buffers allocated and not freed. */
  public int liveBuffers() {
    return live.size();
  }

  @Override
  public void close() {
    for (Mem m : new ArrayList<>(live)) free(m);
  }
}
