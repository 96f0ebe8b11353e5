package org.scalinglab.hardware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MatmulTest {

  private static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * n];
    for (int i = 0; i < x.length; i++) x[i] = (float) (2 * r.nextDouble() - 1);
    return x;
  }

  /** Exact product in double precision. */
  private static double[] reference(float[] a, float[] b, int n) {
    double[] c = new double[n * n];
    for (int i = 0; i < n; i++)
      for (int k = 0; k < n; k++)
        for (int j = 0; j < n; j++) c[i * n + j] += (double) a[i * n + k] * b[k * n + j];
    return c;
  }

  /** fp32 sums of n terms of size ≤ 1: error ≲ n·ε per element; tolerance 4·n·2^-24 (+ a small floor). */
  private static void assertClose(double[] want, float[] got, int n, String what) {
    double tol = 4.0 * n * Math.ulp(1f) / 2 + 1e-6;
    for (int i = 0; i < want.length; i++) {
      assertTrue(Math.abs(want[i] - got[i]) <= tol, what + " n=" + n + ": element " + i + " is " + got[i] + ", want " + want[i] + " ± " + tol);
    }
  }

  @Test
  void everyVariantEqualsTheExactProductAndSgemm() {
    try (MatmulBenchmark bench = MatmulBenchmark.builder().threads(3).tile(16).build()) {
      for (int n : new int[] {1, 7, 16, 33, 100}) { // sizes a tile does not divide, and smaller than a tile
        float[] a = random(n, n), b = random(n, n + 1);
        double[] want = reference(a, b, n);
        float[] blas = bench.multiply(MatmulVariant.OPENBLAS, a, b, n);
        assertClose(want, blas, n, "openblas");
        for (MatmulVariant v : MatmulVariant.values()) {
          float[] got = bench.multiply(v, a, b, n);
          assertClose(want, got, n, v.key());
          double tol = 8.0 * n * Math.ulp(1f) / 2 + 1e-6;
          for (int i = 0; i < got.length; i++) assertEquals(blas[i], got[i], tol, v.key() + " vs sgemm n=" + n + " element " + i);
        }
      }
    }
  }

  @Test
  void tiledIsTheSameForAnyThreadCountAndTileEdges() {
    int n = 75;
    float[] a = random(n, 3), b = random(n, 4);
    for (int tile : new int[] {1, 4, 32, 75, 200}) {
      float[] one = new float[n * n];
      Matmul.tiled(a, b, one, n, tile);
      for (int threads : new int[] {2, 3}) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads - 1);
        try {
          float[] par = new float[n * n];
          Matmul.tiledParallel(a, b, par, n, tile, pool, threads);
          assertArrayEquals(one, par, "tile " + tile + ", " + threads + " threads");
        } finally {
          pool.shutdownNow();
        }
      }
      assertClose(reference(a, b, n), one, n, "tiled T=" + tile);
    }
  }

  @Test
  void badSizesAreRejected() {
    float[] x = new float[4];
    assertThrows(IllegalArgumentException.class, () -> Matmul.naive(x, x, x, 3));
    assertThrows(IllegalArgumentException.class, () -> Matmul.tiled(x, x, x, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> MatmulVariant.of("fast"));
    assertEquals(MatmulVariant.TILED_PARALLEL, MatmulVariant.of("tiled-parallel"));
  }

  @Test
  void theLadderCapsSizesByPredictedTime() {
    try (MatmulBenchmark bench = MatmulBenchmark.builder().threads(1).repeats(1).maxSeconds(0.05).build()) {
      var t = bench.run(java.util.List.of(MatmulVariant.NAIVE), new int[] {2048, 32, 64}, null);
      assertEquals(3, t.size());
      assertEquals(32, t.get(0).n());
      assertTrue(t.get(0).measured() && t.get(0).gflops() > 0);
      MatmulTiming last = t.get(2);
      assertEquals(2048, last.n());
      assertTrue(!last.measured() && last.skipped().startsWith("capped"), last.toString());
      assertTrue(Double.isNaN(last.gflops()));
    }
  }
}
