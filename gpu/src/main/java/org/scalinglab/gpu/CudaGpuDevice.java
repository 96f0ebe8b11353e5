package org.scalinglab.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalinglab.hardware.GpuDevice;
import org.scalinglab.hardware.GpuKernel;
import org.scalinglab.hardware.KernelLaunch;

/**
 * {@link GpuDevice} on CUDA: buffers from {@code cuMemAlloc} ({@link DeviceBuffer}), the catalogue's
 * kernels compiled by NVRTC and launched on the session's stream ({@link CudaSession#launch}, a
 * {@link GpuDevice.Ptr} passed as its device address plus offset), and the products on cuBLAS
 * ({@link Cublas}, row-major through {@link GemmMapping}), on the same stream. Host copies are
 * synchronous and wait for the stream first. Closing frees the buffers still held; the session,
 * modules and cuBLAS handle are the caller's.
 */
public final class CudaGpuDevice implements GpuDevice {
  private final CudaSession session;
  private final Cublas cublas;
  private final Map<GpuKernel, MemorySegment> functions = new EnumMap<>(GpuKernel.class);
  private final List<Buf> live = new ArrayList<>();
  private boolean tf32;

  private static final class Buf implements Buffer {
    final Type type;
    final long length;
    final DeviceBuffer mem;

    Buf(Type type, long length, DeviceBuffer mem) {
      this.type = type;
      this.length = length;
      this.mem = mem;
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

  /**
   * A device on an open session, with the kernel modules by file (as {@link #loadKernels} returns
   * them) and a cuBLAS handle on the session's stream.
   */
  public CudaGpuDevice(CudaSession session, Map<String, CudaSession.Module> modules, Cublas cublas) {
    this.session = session;
    this.cublas = cublas;
    for (GpuKernel k : GpuKernel.values()) {
      CudaSession.Module m = modules.get(k.file());
      if (m == null) throw new IllegalArgumentException("no module for " + k.file() + " (kernel " + k.kernelName() + ")");
      functions.put(k, m.function(k.kernelName()));
    }
    if (cublas != null) cublas.setTf32(false); // null only in the stand-in driver's test: no products then
  }

  /**
   * Compiles every kernel file with NVRTC for the session's GPU and loads it: PTX for
   * {@code compute_XY}, or a cubin for {@code sm_XY} when the driver refuses the PTX (an NVRTC newer
   * than the driver). {@code exactMultiplyAdd} compiles with {@code --fmad=false}, the CPU engine's
   * unfused arithmetic.
   */
  public static Map<String, CudaSession.Module> loadKernels(Nvrtc nvrtc, CudaSession session, boolean exactMultiplyAdd) {
    int arch = Nvrtc.archFor(session.info().ccMajor(), session.info().ccMinor(), nvrtc.supportedArchs());
    Map<String, CudaSession.Module> out = new LinkedHashMap<>();
    for (String file : KernelSources.files()) {
      KernelSources.Source src = KernelSources.read(file);
      Nvrtc.Program p = nvrtc.compile(file, src.text(), src.headers(), Nvrtc.options(arch, false, exactMultiplyAdd), false);
      CudaSession.Module m;
      try {
        m = session.load(p);
      } catch (CudaException ex) {
        if (ex.code() != CudaException.CUDA_ERROR_UNSUPPORTED_PTX_VERSION) throw ex;
        m = session.load(nvrtc.compile(file, src.text(), src.headers(), Nvrtc.options(arch, true, exactMultiplyAdd), true));
      }
      out.put(file, m);
    }
    return out;
  }

  /** TF32 tensor cores for the products (off by default: fp32 as written). */
  @Override
  public void setTf32(boolean on) {
    cublas().setTf32(on);
    tf32 = on;
  }

  private Cublas cublas() {
    if (cublas == null) throw new IllegalStateException("this device has no cuBLAS handle");
    return cublas;
  }

  public CudaSession session() {
    return session;
  }

  private Buf buf(Buffer b) {
    if (!(b instanceof Buf x) || !live.contains(x)) throw new IllegalArgumentException("not a live buffer of this device: " + b);
    return x;
  }

  private long address(Ptr p) {
    Buf b = buf(p.buffer());
    return b.mem.address() + p.offset() * b.type.bytes();
  }

  private void require(Ptr p, Type type, long count, String what) {
    Buf b = buf(p.buffer());
    if (b.type != type) throw new IllegalArgumentException(what + ": buffer of " + b.type + ", expected " + type);
    if (p.offset() + count > b.length) {
      throw new IllegalArgumentException(what + ": " + count + " elements from offset " + p.offset() + " overrun a buffer of "
          + b.length);
    }
  }

  @Override
  public Buffer alloc(Type type, long length) {
    if (length < 1) throw new IllegalArgumentException("device buffer of " + length + " elements");
    long bytes = (length * type.bytes() + 7) / 8 * 8; // whole 32-bit words, so cuMemsetD32 clears it
    DeviceBuffer mem = session.alloc(bytes);
    Buf b = new Buf(type, length, mem);
    live.add(b);
    try {
      zero(b);
    } catch (RuntimeException ex) {
      free(b);
      throw ex;
    }
    return b;
  }

  @Override
  public void free(Buffer buffer) {
    if (buffer instanceof Buf b && live.remove(b)) b.mem.close();
  }

  @Override
  public void zero(Buffer buffer) {
    Buf b = buf(buffer);
    session.synchronize(); // cuMemsetD32 runs on the legacy stream: wait for the session's stream first
    session.driver().memsetD32(b.mem.address(), 0, b.mem.bytes() / 4);
  }

  /**
   * Copies a Java array (as a heap segment of {@code count} values of {@code type}) to the device
   * through a native staging segment: downcalls take only native memory.
   */
  private void copyIn(Ptr dst, Type type, MemorySegment heap, long count) {
    require(dst, type, count, "upload");
    try (Arena a = Arena.ofConfined()) {
      MemorySegment h = a.allocate(heap.byteSize() + 8, 16);
      h.copyFrom(heap);
      session.synchronize();
      session.driver().memcpyHtoD(address(dst), h, heap.byteSize());
    }
  }

  /** Copies {@code heap.byteSize()} bytes of device memory at {@code src} into a Java array's heap segment. */
  private void copyOut(Ptr src, Type type, MemorySegment heap, long count) {
    require(src, type, count, "download");
    try (Arena a = Arena.ofConfined()) {
      MemorySegment h = a.allocate(heap.byteSize() + 8, 16);
      session.synchronize();
      session.driver().memcpyDtoH(h, address(src), heap.byteSize());
      heap.copyFrom(h.asSlice(0, heap.byteSize()));
    }
  }

  @Override
  public void upload(Ptr dst, float[] src) {
    copyIn(dst, Type.FLOAT, MemorySegment.ofArray(src), src.length);
  }

  @Override
  public void upload(Ptr dst, int[] src) {
    copyIn(dst, Type.INT, MemorySegment.ofArray(src), src.length);
  }

  @Override
  public void upload(Ptr dst, byte[] src) {
    copyIn(dst, Type.BYTE, MemorySegment.ofArray(src), src.length);
  }

  @Override
  public float[] downloadFloats(Ptr src, int count) {
    float[] out = new float[count];
    copyOut(src, Type.FLOAT, MemorySegment.ofArray(out), count);
    return out;
  }

  @Override
  public double[] downloadDoubles(Ptr src, int count) {
    double[] out = new double[count];
    copyOut(src, Type.DOUBLE, MemorySegment.ofArray(out), count);
    return out;
  }

  @Override
  public void launch(GpuKernel kernel, KernelLaunch launch, Object... args) {
    GpuDevice.checkArguments(kernel, args);
    Object[] native_ = new Object[args.length];
    for (int i = 0; i < args.length; i++) native_[i] = args[i] instanceof Ptr p ? (Object) address(p) : args[i];
    session.launch(kernel.kernelName(), functions.get(kernel), Math.toIntExact(launch.gridX()), Math.toIntExact(launch.gridY()),
        1, launch.blockX(), launch.blockY(), 1, 0, native_);
  }

  @Override
  public void sgemm(boolean transA, boolean transB, int M, int N, int K, float alpha, Ptr A, Ptr B, float beta, Ptr C) {
    require(A, Type.FLOAT, (long) M * K, "sgemm A");
    require(B, Type.FLOAT, (long) K * N, "sgemm B");
    require(C, Type.FLOAT, (long) M * N, "sgemm C");
    cublas().sgemmRowMajor(transA, transB, M, N, K, alpha, address(A), address(B), beta, address(C));
  }

  @Override
  public void sgemmStridedBatched(boolean transA, boolean transB, int M, int N, int K, float alpha, Ptr A, long strideA,
      Ptr B, long strideB, float beta, Ptr C, long strideC, int batch) {
    require(A, Type.FLOAT, (batch - 1) * strideA + (long) M * K, "sgemm A");
    require(B, Type.FLOAT, (batch - 1) * strideB + (long) K * N, "sgemm B");
    require(C, Type.FLOAT, (batch - 1) * strideC + (long) M * N, "sgemm C");
    cublas().sgemmStridedBatchedRowMajor(transA, transB, M, N, K, alpha, address(A), strideA, address(B), strideB, beta,
        address(C), strideC, batch);
  }

  @Override
  public void synchronize() {
    session.synchronize();
  }

  @Override
  public String describe() {
    CudaSession.DeviceInfo d = session.info();
    return d.name() + " (compute capability " + d.computeCapability() + ", CUDA driver "
        + CudaSession.DeviceInfo.cudaVersion(d.driverVersion()) + "), cuBLAS " + (tf32 ? "TF32" : "fp32");
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (Buf b : new ArrayList<>(live)) {
      try {
        free(b);
      } catch (RuntimeException ex) {
        if (first == null) first = ex;
      }
    }
    if (first != null) throw first;
  }
}
