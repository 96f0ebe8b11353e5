package org.scalinglab.hardware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The matmul ladder at one size measured back to back ({@link MatmulBenchmark#rounds}): every
 * round runs every variant once, in order, so the times within one round were taken seconds apart
 * under the same load from other processes.
 *
 * <p>On a shared machine the robust figure for "how much faster is this rung than that one" is the
 * <b>median over rounds of the per-round ratio</b> ({@link #medianSpeedup}): a burst of load that
 * slows one round slows both of its neighbours alike, and the median ignores the rounds where it did
 * not. The best time per variant ({@link #best}) is the usual speed figure.
 *
 * @param n matrix size
 * @param tile tile size of the tiled rungs
 * @param threads threads of the parallel rungs
 * @param variants the rungs, in the order run
 * @param seconds {@code seconds[v][r]}: wall time of variant v in round r
 */
public record LadderRounds(int n, int tile, int threads, List<MatmulVariant> variants, double[][] seconds) {
  public LadderRounds {
    variants = List.copyOf(variants);
    if (seconds.length != variants.size()) throw new IllegalArgumentException("one row of times per variant needed");
    double[][] copy = new double[seconds.length][];
    for (int i = 0; i < seconds.length; i++) copy[i] = seconds[i].clone();
    seconds = copy;
  }

  /** Rounds run. */
  public int rounds() {
    return seconds.length == 0 ? 0 : seconds[0].length;
  }

  /** Best (shortest) time of each variant, as timings. */
  public List<MatmulTiming> best() {
    List<MatmulTiming> out = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      MatmulVariant v = variants.get(i);
      double b = Arrays.stream(seconds[i]).min().orElse(Double.NaN);
      out.add(new MatmulTiming(v, n, v == MatmulVariant.TILED || v == MatmulVariant.TILED_PARALLEL ? tile : 0,
          v.parallel() ? threads : 1, b, rounds(), null));
    }
    return out;
  }

  /** The best timing of one variant. */
  public MatmulTiming best(MatmulVariant v) {
    return best().get(index(v));
  }

  /** Median over rounds of time(slower) ÷ time(faster): how many times faster {@code faster} ran, round by round. */
  public double medianSpeedup(MatmulVariant slower, MatmulVariant faster) {
    double[] s = seconds[index(slower)], f = seconds[index(faster)];
    double[] r = new double[s.length];
    for (int i = 0; i < r.length; i++) r[i] = s[i] / f[i];
    return median(r);
  }

  private int index(MatmulVariant v) {
    int i = variants.indexOf(v);
    if (i < 0) throw new IllegalArgumentException(v.key() + " was not measured (measured: " + variants + ")");
    return i;
  }

  static double median(double[] x) {
    double[] a = x.clone();
    Arrays.sort(a);
    int m = a.length / 2;
    return a.length % 2 == 1 ? a[m] : 0.5 * (a[m - 1] + a[m]);
  }
}
