package org.scalinglab.gpu;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The CPU side of the GPU check's products: seeded inputs, a reference product accumulated in double
 * (so the reference itself has no fp32 rounding to speak of), and the norm-wise relative error of a
 * GPU result. Plain loops over all cores; the bundle carries no BLAS.
 */
final class CpuMatmul {
  private CpuMatmul() {}

  /** {@code n} uniform values in [-1, 1) from {@code seed}. */
  static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) (2 * r.nextDouble() - 1);
    return x;
  }

  /**
   * Row-major {@code op(A)·op(B)} ({@code M×N}, inner {@code K}) in double; {@code A} is stored
   * {@code M×K} ({@code K×M} when {@code transA}), {@code B} {@code K×N} ({@code N×K} when {@code transB}).
   */
  static double[] product(float[] a, float[] b, int M, int N, int K, boolean transA, boolean transB) {
    double[] c = new double[M * N];
    IntStream.range(0, M).parallel().forEach(i -> {
      double[] row = new double[N];
      for (int k = 0; k < K; k++) {
        double aik = transA ? a[k * M + i] : a[i * K + k];
        if (!transB) {
          int off = k * N;
          for (int j = 0; j < N; j++) row[j] += aik * b[off + j];
        } else {
          for (int j = 0; j < N; j++) row[j] += aik * b[j * K + k];
        }
      }
      System.arraycopy(row, 0, c, i * N, N);
    });
    return c;
  }

  /** {@code max|gpu − ref| / max|ref|}: the error relative to the result's scale (elements near 0 don't blow it up). */
  static double relativeError(float[] gpu, double[] ref) {
    if (gpu.length != ref.length) throw new IllegalArgumentException("sizes differ: " + gpu.length + " vs " + ref.length);
    double maxDiff = 0, maxRef = 0;
    for (int i = 0; i < ref.length; i++) {
      double d = Math.abs(gpu[i] - ref[i]);
      if (Double.isNaN(d)) return Double.NaN;
      maxDiff = Math.max(maxDiff, d);
      maxRef = Math.max(maxRef, Math.abs(ref[i]));
    }
    return maxRef == 0 ? maxDiff : maxDiff / maxRef;
  }
}
