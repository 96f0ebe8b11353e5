package org.scalinglab.train;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * The machine's single-precision matrix-multiply peak, measured: a 1024³ product split over the
 * trainer's threads exactly as the trainer splits its products, best of several repetitions. MFU
 * (model FLOPs utilisation, Chowdhery et al. 2022, Appendix B) is achieved FLOP/s over this.
 */
public final class MatmulPeak {
  private static final Map<Integer, Double> CACHE = new ConcurrentHashMap<>();

  private MatmulPeak() {}

  /** Best FLOP/s of an n=1024 sgemm on {@code threads} threads (measured once per JVM and thread count). */
  public static double flopsPerSecond(int threads) {
    return CACHE.computeIfAbsent(threads, MatmulPeak::measure);
  }

  /**
   * Measures again and keeps the larger figure: on a shared machine one measurement can land in a
   * busy moment and understate the peak (and so overstate MFU); the best over several is the peak.
   */
  public static double remeasure(int threads) {
    return CACHE.merge(threads, measure(threads), Math::max);
  }

  private static double measure(int threads) {
    Blas.init();
    int n = 1024;
    NativeFloats a = NativeFloats.zeros(n * n), b = NativeFloats.zeros(n * n), c = NativeFloats.zeros(n * n);
    a.fill(0.5f);
    b.fill(0.25f);
    double best = 0;
    try (WorkerPool pool = new WorkerPool(threads)) {
      for (int rep = 0; rep < 6; rep++) {
        long t0 = System.nanoTime();
        Blas.gemmRows(pool, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        double dt = (System.nanoTime() - t0) * 1e-9;
        best = Math.max(best, 2.0 * n * n * n / dt);
      }
    }
    return best;
  }
}
