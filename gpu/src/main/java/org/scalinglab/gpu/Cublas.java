package org.scalinglab.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * cuBLAS (cublas_api.h): a handle bound to the session's stream, fp32 gemm with TF32 tensor cores on
 * or off, row-major through {@link GemmMapping}. Device pointers are passed as 64-bit integers (the
 * same registers as pointers in the x86-64 ABI); {@code alpha}, {@code beta} are host pointers
 * (the default pointer mode). Every {@code cublasStatus_t} is checked.
 */
public final class Cublas implements AutoCloseable {
  /** cublasMath_t: CUBLAS_DEFAULT_MATH (fp32 sgemm in fp32) and CUBLAS_TF32_TENSOR_OP_MATH. */
  static final int DEFAULT_MATH = 0, TF32_TENSOR_OP_MATH = 3;
  static final int OP_N = 0, OP_T = 1;

  private final NativeLibrary lib;
  private final MethodHandle destroy, setStream, setMathMode, sgemm, sgemmStridedBatched, getVersion, statusString;
  private final MemorySegment handle;
  private final Arena scalars = Arena.ofShared();
  private boolean closed;

  private Cublas(NativeLibrary lib, MemorySegment stream) {
    this.lib = lib;
    MethodHandle create = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS), "cublasCreate_v2");
    destroy = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS), "cublasDestroy_v2");
    setStream = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), "cublasSetStream_v2");
    setMathMode = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), "cublasSetMathMode");
    getVersion = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), "cublasGetVersion_v2");
    sgemm = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
        ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), "cublasSgemm_v2");
    sgemmStridedBatched = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
        JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT,
        JAVA_LONG, JAVA_INT), "cublasSgemmStridedBatched");
    statusString = lib.optional(FunctionDescriptor.of(ADDRESS, JAVA_INT), "cublasGetStatusString");
    MemorySegment out = scalars.allocate(ADDRESS);
    check("cublasCreate_v2", CudaDriver.call(() -> (int) create.invokeExact(out)));
    handle = out.get(ADDRESS, 0);
    check("cublasSetStream_v2", CudaDriver.call(() -> (int) setStream.invokeExact(handle, stream)));
    setTf32(false);
  }

  /**
   * Opens cuBLAS from what the locator found (cuBLASLt first, from its own file, so libcublas's
   * dependency on it resolves even from a folder outside the loader's path) and creates a handle on
   * {@code stream} in the current context, TF32 off.
   */
  public static Cublas create(CudaLibraryLocator.Found cublas, CudaLibraryLocator.Found cublasLt, MemorySegment stream) {
    if (cublasLt != null && cublasLt.path().isPresent()) NativeLibrary.open(cublasLt);
    return new Cublas(NativeLibrary.open(cublas), stream);
  }

  public String path() {
    return lib.name();
  }

  /** cublasGetVersion_v2, e.g. 130000 → 13.0.0. */
  public int version() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocate(JAVA_INT);
      check("cublasGetVersion_v2", CudaDriver.call(() -> (int) getVersion.invokeExact(handle, v)));
      return v.get(JAVA_INT, 0);
    }
  }

  /** TF32 tensor-core products on (faster, ≈10-bit mantissa inputs) or off (fp32 as written). */
  public void setTf32(boolean on) {
    int mode = on ? TF32_TENSOR_OP_MATH : DEFAULT_MATH;
    check("cublasSetMathMode(" + (on ? "TF32" : "default") + ")",
        CudaDriver.call(() -> (int) setMathMode.invokeExact(handle, mode)));
  }

  /** Row-major {@code C = alpha·op(A)·op(B) + beta·C} with dense operands; see {@link GemmMapping}. */
  public void sgemmRowMajor(boolean transA, boolean transB, int M, int N, int K, float alpha,
      DeviceBuffer A, DeviceBuffer B, float beta, DeviceBuffer C) {
    sgemmRowMajor(transA, transB, M, N, K, alpha, A.address(), B.address(), beta, C.address());
  }

  /** The same on device addresses (e.g. a tensor inside a parameter block). */
  public void sgemmRowMajor(boolean transA, boolean transB, int M, int N, int K, float alpha,
      long A, long B, float beta, long C) {
    GemmMapping.ColumnMajor g = GemmMapping.rowMajor(transA, transB, M, N, K);
    long first = g.first() == GemmMapping.Operand.A ? A : B;
    long second = g.second() == GemmMapping.Operand.A ? A : B;
    try (Arena a = Arena.ofConfined()) {
      MemorySegment al = a.allocateFrom(JAVA_FLOAT, alpha), be = a.allocateFrom(JAVA_FLOAT, beta);
      int ta = g.transFirst() ? OP_T : OP_N, tb = g.transSecond() ? OP_T : OP_N;
      check("cublasSgemm_v2", CudaDriver.call(() -> (int) sgemm.invokeExact(handle, ta, tb, g.m(), g.n(), g.k(),
          al, first, g.ldFirst(), second, g.ldSecond(), be, C, g.ldc())));
    }
  }

  /** Row-major strided batch: {@code C_i = alpha·op(A_i)·op(B_i) + beta·C_i}, {@code X_i = X + i·strideX} floats. */
  public void sgemmStridedBatchedRowMajor(boolean transA, boolean transB, int M, int N, int K, float alpha,
      DeviceBuffer A, long strideA, DeviceBuffer B, long strideB, float beta, DeviceBuffer C, long strideC, int batch) {
    sgemmStridedBatchedRowMajor(transA, transB, M, N, K, alpha, A.address(), strideA, B.address(), strideB, beta,
        C.address(), strideC, batch);
  }

  /** The same on device addresses. */
  public void sgemmStridedBatchedRowMajor(boolean transA, boolean transB, int M, int N, int K, float alpha,
      long A, long strideA, long B, long strideB, float beta, long C, long strideC, int batch) {
    GemmMapping.ColumnMajorBatched gb = GemmMapping.rowMajorBatched(transA, transB, M, N, K,
        transA ? M : K, strideA, transB ? K : N, strideB, N, strideC, batch);
    GemmMapping.ColumnMajor g = gb.gemm();
    long first = g.first() == GemmMapping.Operand.A ? A : B;
    long second = g.second() == GemmMapping.Operand.A ? A : B;
    try (Arena a = Arena.ofConfined()) {
      MemorySegment al = a.allocateFrom(JAVA_FLOAT, alpha), be = a.allocateFrom(JAVA_FLOAT, beta);
      int ta = g.transFirst() ? OP_T : OP_N, tb = g.transSecond() ? OP_T : OP_N;
      check("cublasSgemmStridedBatched", CudaDriver.call(() -> (int) sgemmStridedBatched.invokeExact(handle, ta, tb,
          g.m(), g.n(), g.k(), al, first, g.ldFirst(), gb.strideFirst(), second, g.ldSecond(), gb.strideSecond(),
          be, C, g.ldc(), gb.strideC(), gb.batch())));
    }
  }

  private void check(String call, int status) {
    if (status == 0) return;
    String desc = null;
    if (statusString != null) {
      try {
        desc = NativeLibrary.cString((MemorySegment) statusString.invokeExact(status));
      } catch (Throwable t) {
        desc = null;
      }
    }
    String name = CudaException.CUBLAS_NAMES.getOrDefault(status, desc);
    throw new CudaException(call, status, name, desc);
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    check("cublasDestroy_v2", CudaDriver.call(() -> (int) destroy.invokeExact(handle)));
    scalars.close();
  }
}
