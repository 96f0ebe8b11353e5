package org.scalinglab.gpu;

/**
 * Row-major matrix products on cuBLAS, which is column-major (Fortran order).
 *
 * <p><b>The trick.</b> A row-major {@code R×C} matrix with leading dimension {@code ld} occupies
 * memory exactly as the column-major {@code C×R} matrix that is its transpose, with the same
 * {@code ld}. So the row-major product {@code C = op(A)·op(B)} ({@code M×N}, inner size {@code K}) is,
 * read column-major, {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}: call column-major gemm with the operands swapped
 * ({@code B} first), the sizes swapped ({@code m = N, n = M}, {@code k = K}), each operand's
 * transpose flag kept with it ({@code transa = transB}, {@code transb = transA}) and every leading
 * dimension unchanged. Nothing is copied or transposed in memory.
 *
 * <p>The project's layers are row-major and input-major ({@code W[in][out]}, {@code y = x·W}), so the
 * forward product is {@code (N, N)}, the weight gradient {@code dW = xᵀ·dy} is {@code (T, N)} and the
 * input gradient {@code dx = dy·Wᵀ} is {@code (N, T)}, all through this one mapping.
 */
public final class GemmMapping {
  private GemmMapping() {}

  /** Which row-major operand a column-major argument is. */
  public enum Operand { A, B }

  /**
   * The arguments of a column-major {@code cublasSgemm}: {@code C(m×n) = op(first)(m×k)·op(second)(k×n)}.
   *
   * @param transFirst {@code transa} of the call (for {@code first})
   * @param transSecond {@code transb} of the call (for {@code second})
   */
  public record ColumnMajor(boolean transFirst, boolean transSecond, int m, int n, int k,
      Operand first, int ldFirst, Operand second, int ldSecond, int ldc) {}

  /** The same with the strides of a strided batch (elements between consecutive matrices). */
  public record ColumnMajorBatched(ColumnMajor gemm, long strideFirst, long strideSecond, long strideC, int batch) {}

  /**
   * The column-major call for the row-major {@code C[M×N] = op(A)[M×K]·op(B)[K×N]}, where {@code A} is
   * stored {@code M×K} (or {@code K×M} when {@code transA}) with leading dimension {@code lda} (its
   * row length), likewise {@code B}, and {@code C} is {@code M×N} with row length {@code ldc}.
   *
   * @throws IllegalArgumentException when a size is negative or a leading dimension is shorter than its rows
   */
  public static ColumnMajor rowMajor(boolean transA, boolean transB, int M, int N, int K, int lda, int ldb, int ldc) {
    if (M < 0 || N < 0 || K < 0) throw new IllegalArgumentException("negative gemm size M=" + M + " N=" + N + " K=" + K);
    int aRow = transA ? M : K, bRow = transB ? K : N;
    if (lda < Math.max(1, aRow)) throw new IllegalArgumentException("lda " + lda + " < row length " + aRow + " of A");
    if (ldb < Math.max(1, bRow)) throw new IllegalArgumentException("ldb " + ldb + " < row length " + bRow + " of B");
    if (ldc < Math.max(1, N)) throw new IllegalArgumentException("ldc " + ldc + " < row length " + N + " of C");
    return new ColumnMajor(transB, transA, N, M, K, Operand.B, ldb, Operand.A, lda, ldc);
  }

  /** Dense operands: each leading dimension is its stored row length. */
  public static ColumnMajor rowMajor(boolean transA, boolean transB, int M, int N, int K) {
    return rowMajor(transA, transB, M, N, K, transA ? M : K, transB ? K : N, N);
  }

  /** A strided batch of row-major products; the strides go with their operands. */
  public static ColumnMajorBatched rowMajorBatched(boolean transA, boolean transB, int M, int N, int K,
      int lda, long strideA, int ldb, long strideB, int ldc, long strideC, int batch) {
    if (batch < 0) throw new IllegalArgumentException("negative batch count " + batch);
    return new ColumnMajorBatched(rowMajor(transA, transB, M, N, K, lda, ldb, ldc), strideB, strideA, strideC, batch);
  }
}
