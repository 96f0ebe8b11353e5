package org.scalinglab.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Memory bandwidth measured the way McCalpin's STREAM benchmark measures it (the "triad",
 * {@code a[i] = b[i] + s·c[i]}; McCalpin 1995, https://www.cs.virginia.edu/stream/): arrays far
 * larger than the caches, split over the threads, best of several passes, bytes counted as STREAM
 * counts them (two reads and one write of 4-byte floats per element; the write-allocate read is not
 * counted). Written by hand: a dozen lines of loop, and no Java library measures this.
 */
public final class StreamTriad {
  private StreamTriad() {}

  /** Best bytes per second of the triad over {@code elements} floats per array on {@code threads} threads. */
  public static double bytesPerSecond(int elements, int threads, int passes) {
    if (elements < 1024) throw new IllegalArgumentException("the triad needs at least 1024 elements per array, got " + elements);
    if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
    if (passes < 1) throw new IllegalArgumentException("passes must be ≥ 1, got " + passes);
    float[] a = new float[elements], b = new float[elements], c = new float[elements];
    java.util.Arrays.fill(b, 1f);
    java.util.Arrays.fill(c, 2f);
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "scalinglab-triad");
      t.setDaemon(true);
      return t;
    }) : null;
    try {
      double best = Double.POSITIVE_INFINITY;
      for (int p = 0; p < passes + 1; p++) { // the first pass warms up (page faults, JIT)
        long t0 = System.nanoTime();
        run(a, b, c, 3f, threads, pool);
        double dt = (System.nanoTime() - t0) * 1e-9;
        if (p > 0) best = Math.min(best, dt);
      }
      if (a[elements / 2] != 7f) throw new IllegalStateException("triad gave " + a[elements / 2] + ", expected 7");
      return 3.0 * Float.BYTES * elements / best;
    } finally {
      if (pool != null) pool.shutdownNow();
    }
  }

  private static void run(float[] a, float[] b, float[] c, float s, int threads, ExecutorService pool) {
    int n = a.length;
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 1; t < threads; t++) {
      int lo = (int) ((long) n * t / threads), hi = (int) ((long) n * (t + 1) / threads);
      fs.add(pool.submit(() -> triad(a, b, c, s, lo, hi)));
    }
    triad(a, b, c, s, 0, (int) ((long) n / threads));
    try {
      for (Future<?> f : fs) f.get();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new Matmul.MatmulInterruptedException();
    } catch (ExecutionException ex) {
      throw new IllegalStateException(ex.getCause());
    }
  }

  private static void triad(float[] a, float[] b, float[] c, float s, int lo, int hi) {
    for (int i = lo; i < hi; i++) a[i] = b[i] + s * c[i];
  }
}
