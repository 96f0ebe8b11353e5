package org.scalinglab.hardware;

/**
 * The device operations the GPU training engine ({@link GpuTransformer}) needs, and nothing more:
 * typed buffers, copies to and from the host, a launch of one kernel of the catalogue
 * ({@link GpuKernel}) with its arguments in the order its {@code .cu} declaration lists them, and
 * row-major fp32 matrix products (cuBLAS's {@code sgemm} and strided-batched {@code sgemm}, in the
 * engine's row-major terms). Two implementations: {@link EmulatedGpuDevice} (Java 17, the kernels
 * run as their Java transcriptions, so the engine's host code is tested without a GPU) and the
 * {@code gpu} module's {@code CudaGpuDevice} (CUDA through the JDK's FFM API, JDK 22+).
 *
 * <p>Every operation is issued in order on one stream; a host read ({@code download…}) waits for
 * the work before it. Buffers start zeroed.
 */
public interface GpuDevice extends AutoCloseable {
  /** Element types of device buffers, as the kernels declare their pointers. */
  enum Type {
    /** {@code float*} */
    FLOAT(4, "float*"),
    /** {@code double*} */
    DOUBLE(8, "double*"),
    /** {@code int*} */
    INT(4, "int*"),
    /** {@code unsigned char*} */
    BYTE(1, "unsigned char*");

    private final int bytes;
    private final String cType;

    Type(int bytes, String cType) {
      this.bytes = bytes;
      this.cType = cType;
    }

    /** Bytes per element. */
    public int bytes() {
      return bytes;
    }

    /** The C pointer type, without {@code const}. */
    public String cType() {
      return cType;
    }
  }

  /** A device allocation of {@code length} elements of {@code type}. */
  interface Buffer {
    Type type();

    long length();

    /** A pointer to element {@code offset} of this buffer, for a kernel argument or a matrix operand. */
    default Ptr at(long offset) {
      return new Ptr(this, offset);
    }

    /** A pointer to the first element. */
    default Ptr ptr() {
      return new Ptr(this, 0);
    }
  }

  /**
   * A device pointer: element {@code offset} of {@code buffer} (a kernel's pointer argument, or a
   * matrix operand).
   */
  record Ptr(Buffer buffer, long offset) {
    public Ptr {
      if (offset < 0 || offset > buffer.length()) {
        throw new IllegalArgumentException("offset " + offset + " outside a buffer of " + buffer.length() + " elements");
      }
    }

    /** Elements from here to the end of the buffer. */
    public long remaining() {
      return buffer.length() - offset;
    }
  }

  /** A new buffer of {@code length} elements, zeroed. */
  Buffer alloc(Type type, long length);

  /** Frees a buffer (idempotent). */
  void free(Buffer buffer);

  /** Sets every element of the buffer to zero (all bits 0). */
  void zero(Buffer buffer);

  void upload(Ptr dst, float[] src);

  void upload(Ptr dst, int[] src);

  void upload(Ptr dst, byte[] src);

  float[] downloadFloats(Ptr src, int count);

  double[] downloadDoubles(Ptr src, int count);

  /**
   * Launches {@code kernel} with {@code launch}'s geometry. Arguments in the order of the kernel's
   * parameters ({@link GpuKernel#parameters()}): a {@link Ptr} for each pointer (its buffer's type
   * the pointer's), {@code Integer} for {@code int}, {@code Float} for {@code float}, {@code Double}
   * for {@code double}.
   */
  void launch(GpuKernel kernel, KernelLaunch launch, Object... args);

  /**
   * Row-major {@code C[M×N] = alpha·op(A)·op(B) + beta·C} with dense operands: {@code A} stored
   * {@code M×K} ({@code K×M} when {@code transA}), {@code B} {@code K×N} ({@code N×K} when
   * {@code transB}), each row of the stored matrix contiguous. With {@code beta = 0} C is not read.
   */
  void sgemm(boolean transA, boolean transB, int M, int N, int K, float alpha, Ptr A, Ptr B, float beta, Ptr C);

  /** {@code batch} products as {@link #sgemm}, operand i at {@code X + i·strideX} elements. */
  void sgemmStridedBatched(boolean transA, boolean transB, int M, int N, int K, float alpha, Ptr A, long strideA, Ptr B,
      long strideB, float beta, Ptr C, long strideC, int batch);

  /** Waits for everything issued so far. */
  void synchronize();

  /** One line: what device this is. */
  String describe();

  /** Frees what the device holds (buffers still allocated included). */
  @Override
  void close();
}
