package org.scalinglab.train;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Single-precision matrix multiply {@code C = alpha·op(A)·op(B) + beta·C} (row-major) on
 * {@link NativeFloats}, through OpenBLAS's {@code cblas_sgemm} (JavaCPP's {@code org.bytedeco:openblas}
 * binding, the same OpenBLAS 0.3.19 that ND4J ships) directly on the blocks' native memory.
 * ND4J 1.0.0-M2.1's own {@code gemm} wrapper ran 128-sized fp32 products at 25–87 GFLOP/s on 2
 * threads where OpenBLAS called directly reached ≈150 (measured 2026-11-22 on a 2-core machine;
 * {@code scalinglab bench matmul} measures our path), so the trainer calls OpenBLAS itself, and never starts ND4J.
 *
 * <p>OpenBLAS is set to one thread: the trainer parallelises products itself with a
 * {@link WorkerPool} (a fixed split of rows or columns), which keeps results deterministic and
 * avoids OpenBLAS's spinning threads competing with the trainer's own.
 */
public final class Blas {
  private static volatile boolean loaded;

  private Blas() {}

  /**
   * Loads OpenBLAS and sets it to single-threaded calls. Cheap after the first call, and called by
   * every model's constructor: the thread count is checked and set again each time, since anything
   * else in the process that starts OpenBLAS (ND4J does, in the tests) may have reset it.
   */
  public static void init() {
    if (!loaded) {
      synchronized (Blas.class) {
        if (!loaded) {
          Loader.load(openblas_nolapack.class);
          loaded = true;
        }
      }
    }
    if (openblas_nolapack.blas_get_num_threads() != 1) openblas_nolapack.blas_set_num_threads(1);
  }

  /** What the engine multiplies with, e.g. {@code OpenBLAS 0.3.19 (org.bytedeco:openblas), 1 thread per call}. */
  public static String describe() {
    init();
    return "OpenBLAS " + openblas_nolapack.class.getPackage().getImplementationVersion() + " (org.bytedeco:openblas), "
        + openblas_nolapack.blas_get_num_threads() + " thread per call";
  }

  /**
   * C[m×n] = alpha·op(A)·op(B) + beta·C with leading dimensions (row strides) lda, ldb, ldc and
   * element offsets into the blocks.
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      NativeFloats a, long aOff, int lda, NativeFloats b, long bOff, int ldb,
      float beta, NativeFloats c, long cOff, int ldc) {
    if (m <= 0 || n <= 0) return;
    Operands p = OPERANDS.get();
    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
        transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        m, n, k, alpha, p.a.at(a, aOff), lda, p.b.at(b, bOff), ldb, beta, p.c.at(c, cOff), ldc);
  }

  /**
   * A pointer that is re-aimed at an element of a block for each call instead of being created:
   * {@link NativeFloats#at} makes a new JavaCPP pointer, ≈0.5 µs each (measured: 1x1x1 sgemm 2 µs
   * per call with three of them), and attention makes ≈6,000 small products per step. It owns no
   * memory (no deallocator); the block it points into is kept alive by the caller.
   */
  private static final class Aim extends FloatPointer {
    Aim() {
      super((Pointer) null);
    }

    Aim at(NativeFloats block, long offset) {
      address = block.address() + 4 * offset;
      position = 0;
      limit = capacity = block.length() - offset;
      return this;
    }
  }

  /** One thread's three operand pointers (a thread makes one product at a time). */
  private static final class Operands {
    final Aim a = new Aim(), b = new Aim(), c = new Aim();
  }

  private static final ThreadLocal<Operands> OPERANDS = ThreadLocal.withInitial(Operands::new);

  /**
   * The same product split over the rows of C across the pool's threads (each thread computes its
   * own rows; op(A) must then be addressed by row, so A is not transposed).
   */
  public static void gemmRows(WorkerPool pool, boolean transB, int m, int n, int k, float alpha,
      NativeFloats a, long aOff, int lda, NativeFloats b, long bOff, int ldb,
      float beta, NativeFloats c, long cOff, int ldc) {
    pool.run(m, (t, lo, hi) -> gemm(false, transB, hi - lo, n, k, alpha,
        a, aOff + (long) lo * lda, lda, b, bOff, ldb, beta, c, cOff + (long) lo * ldc, ldc));
  }

  /**
   * C = alpha·Aᵀ·B + beta·C (A is k×m, B is k×n) split over the columns of C across the pool's
   * threads — the weight-gradient product, whose long inner dimension must not be split if the
   * sum is to stay in one fixed order.
   */
  public static void gemmTransAColumns(WorkerPool pool, int m, int n, int k, float alpha,
      NativeFloats a, long aOff, int lda, NativeFloats b, long bOff, int ldb,
      float beta, NativeFloats c, long cOff, int ldc) {
    pool.run(n, (t, lo, hi) -> gemm(true, false, m, hi - lo, k, alpha,
        a, aOff, lda, b, bOff + lo, ldb, beta, c, cOff + lo, ldc));
  }
}
