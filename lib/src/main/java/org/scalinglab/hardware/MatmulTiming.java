package org.scalinglab.hardware;

/**
 * One measured (or skipped) rung of the ladder at one size.
 *
 * @param variant the kernel
 * @param n matrix size (n×n times n×n)
 * @param tile tile size T for the tiled variants, 0 otherwise
 * @param threads threads used
 * @param bestSeconds fastest run's wall time (NaN when skipped)
 * @param runs timed runs (0 when skipped)
 * @param skipped why this size was not run (the time cap), or null when it was
 */
public record MatmulTiming(MatmulVariant variant, int n, int tile, int threads, double bestSeconds, int runs, String skipped) {

  /** FLOPs of the product: 2n³ (one multiply and one add per term). */
  public double flops() {
    return 2.0 * n * n * n;
  }

  /** Best GFLOP/s (NaN when skipped). */
  public double gflops() {
    return flops() / bestSeconds / 1e9;
  }

  public boolean measured() {
    return skipped == null;
  }
}
