package org.scalinglab.hardware;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

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

  /**
   * The timings as a table (measured rows only): variant, n, tile, threads, GFLOP/s, best seconds,
   * and the fraction of {@code peakFlopsPerSecond} (NaN when the peak is not positive).
   */
  public static Table table(String name, List<MatmulTiming> timings, double peakFlopsPerSecond) {
    StringColumn variant = StringColumn.create("variant");
    IntColumn n = IntColumn.create("n"), tile = IntColumn.create("tile"), threads = IntColumn.create("threads");
    DoubleColumn gflops = DoubleColumn.create("GFLOP/s"), seconds = DoubleColumn.create("best s"), ofPeak = DoubleColumn.create("of peak");
    for (MatmulTiming t : timings) {
      if (!t.measured()) continue;
      variant.append(t.variant().key());
      n.append(t.n());
      tile.append(t.tile());
      threads.append(t.threads());
      gflops.append(t.gflops());
      seconds.append(t.bestSeconds());
      ofPeak.append(peakFlopsPerSecond > 0 ? t.gflops() * 1e9 / peakFlopsPerSecond : Double.NaN);
    }
    return Table.create(name, variant, n, tile, threads, gflops, seconds, ofPeak);
  }
}
