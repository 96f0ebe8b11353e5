package org.scalinglab.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The row-major → column-major mapping, checked by running the mapped arguments through a plain
 * column-major gemm written here exactly as BLAS defines it (the reference cuBLAS follows) and
 * comparing with the row-major product.
 */
class GemmMappingTest {
  /** Column-major reference: C(m×n) = op(X)(m×k)·op(Y)(k×n), element (i, j) at c[cOff + i + j·ldc]. */
  static void columnMajorGemm(boolean tx, boolean ty, int m, int n, int k, float[] x, int xOff, int ldx,
      float[] y, int yOff, int ldy, float[] c, int cOff, int ldc) {
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < m; i++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          double xv = tx ? x[xOff + p + i * ldx] : x[xOff + i + p * ldx];
          double yv = ty ? y[yOff + j + p * ldy] : y[yOff + p + j * ldy];
          s += xv * yv;
        }
        c[cOff + i + j * ldc] = (float) s;
      }
    }
  }

  private static float[] viaMapping(boolean ta, boolean tb, int M, int N, int K, float[] a, int lda, float[] b, int ldb, int ldc) {
    GemmMapping.ColumnMajor g = GemmMapping.rowMajor(ta, tb, M, N, K, lda, ldb, ldc);
    float[] first = g.first() == GemmMapping.Operand.A ? a : b;
    float[] second = g.second() == GemmMapping.Operand.A ? a : b;
    float[] c = new float[M * ldc];
    columnMajorGemm(g.transFirst(), g.transSecond(), g.m(), g.n(), g.k(), first, 0, g.ldFirst(), second, 0, g.ldSecond(), c, 0, g.ldc());
    return c;
  }

  @Test
  void everyTransposePairMatchesTheRowMajorProduct() {
    int M = 7, N = 5, K = 3;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        float[] a = CpuMatmul.random(M * K, 1), b = CpuMatmul.random(K * N, 2);
        float[] c = viaMapping(ta, tb, M, N, K, a, ta ? M : K, b, tb ? K : N, N);
        double[] ref = CpuMatmul.product(a, b, M, N, K, ta, tb);
        assertTrue(CpuMatmul.relativeError(c, ref) < 1e-6, "trans " + ta + "," + tb);
      }
    }
  }

  @Test
  void paddedLeadingDimensions() {
    int M = 4, N = 3, K = 5, lda = K + 2, ldb = N + 1, ldc = N + 3;
    float[] a = CpuMatmul.random(M * lda, 3), b = CpuMatmul.random(K * ldb, 4);
    float[] c = viaMapping(false, false, M, N, K, a, lda, b, ldb, ldc);
    for (int i = 0; i < M; i++) {
      for (int j = 0; j < N; j++) {
        double s = 0;
        for (int p = 0; p < K; p++) s += (double) a[i * lda + p] * b[p * ldb + j];
        assertEquals(s, c[i * ldc + j], 1e-5);
      }
    }
  }

  @Test
  void theMappingItself() {
    // C[M×N] = A[M×K]·B[K×N] row-major is Cᵀ = Bᵀ·Aᵀ column-major: B first, m = N, n = M
    GemmMapping.ColumnMajor g = GemmMapping.rowMajor(false, false, 2, 3, 4);
    assertEquals(new GemmMapping.ColumnMajor(false, false, 3, 2, 4, GemmMapping.Operand.B, 3, GemmMapping.Operand.A, 4, 3), g);
    // the weight gradient dW = xᵀ·dy (transA): the flag stays with A, now the second operand
    GemmMapping.ColumnMajor dw = GemmMapping.rowMajor(true, false, 64, 32, 128);
    assertEquals(false, dw.transFirst());
    assertEquals(true, dw.transSecond());
    assertEquals(64, dw.ldSecond());
    GemmMapping.ColumnMajorBatched bt = GemmMapping.rowMajorBatched(false, true, 8, 8, 16, 16, 128, 16, 256, 8, 64, 12);
    assertEquals(256, bt.strideFirst());
    assertEquals(128, bt.strideSecond());
    assertEquals(64, bt.strideC());
    assertEquals(12, bt.batch());
  }

  @Test
  void stridedBatchThroughTheMapping() {
    int M = 3, N = 4, K = 2, batch = 3;
    float[] a = CpuMatmul.random(M * K * batch, 5), b = CpuMatmul.random(K * N * batch, 6);
    GemmMapping.ColumnMajorBatched gb = GemmMapping.rowMajorBatched(false, false, M, N, K, K, M * K, N, K * N, N, M * N, batch);
    GemmMapping.ColumnMajor g = gb.gemm();
    float[] c = new float[M * N * batch];
    for (int i = 0; i < batch; i++) {
      columnMajorGemm(g.transFirst(), g.transSecond(), g.m(), g.n(), g.k(), b, (int) (i * gb.strideFirst()), g.ldFirst(),
          a, (int) (i * gb.strideSecond()), g.ldSecond(), c, (int) (i * gb.strideC()), g.ldc());
    }
    for (int i = 0; i < batch; i++) {
      float[] ai = java.util.Arrays.copyOfRange(a, i * M * K, (i + 1) * M * K);
      float[] bi = java.util.Arrays.copyOfRange(b, i * K * N, (i + 1) * K * N);
      float[] ci = java.util.Arrays.copyOfRange(c, i * M * N, (i + 1) * M * N);
      assertTrue(CpuMatmul.relativeError(ci, CpuMatmul.product(ai, bi, M, N, K, false, false)) < 1e-6);
    }
  }

  @Test
  void badLeadingDimensionsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> GemmMapping.rowMajor(false, false, 4, 4, 8, 4, 4, 4));
    assertThrows(IllegalArgumentException.class, () -> GemmMapping.rowMajor(true, false, 6, 4, 8, 4, 4, 4));
    assertThrows(IllegalArgumentException.class, () -> GemmMapping.rowMajor(false, false, 4, 5, 8, 8, 5, 4));
    assertThrows(IllegalArgumentException.class, () -> GemmMapping.rowMajor(false, false, -1, 5, 8));
  }

  /** The GEMMs the check times for GPT-2 small add up to the engine's count of matmul FLOPs per step. */
  @Test
  void gpt2SmallStepFlops() {
    double flops = 0;
    for (GpuCheck.GemmShape g : GpuCheck.gpt2SmallStep()) {
      flops += g.flops();
      // every shape is a valid row-major product
      GemmMapping.rowMajor(g.transA(), g.transB(), g.m(), g.n(), g.k());
    }
    org.scalinglab.train.TransformerConfig cfg = new org.scalinglab.train.TransformerConfig(256, 1024, 12, 768, 12, 3072);
    assertEquals(cfg.trainingFlopsPerToken() * 8 * 1024, flops, 1e-6 * flops);
  }
}
