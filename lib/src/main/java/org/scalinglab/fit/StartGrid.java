package org.scalinglab.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The starting points of a multi-start Approach-3 fit, each a parameter vector
 * θ = (a, b, e, α, β) in the order of {@link HuberLogObjective}. Immutable.
 */
public final class StartGrid {
  private final double[][] starts;
  private final String name;

  private StartGrid(double[][] starts, String name) {
    if (starts.length == 0) throw new IllegalArgumentException("a start grid needs at least one start");
    for (double[] s : starts) {
      if (s.length != HuberLogObjective.SIZE) {
        throw new IllegalArgumentException("a start needs " + HuberLogObjective.SIZE + " values (a, b, e, alpha, beta), got " + s.length);
      }
    }
    this.starts = starts;
    this.name = name;
  }

  /**
   * The grid of Hoffmann et al. 2022 (Appendix D.2), also used by the replication of Besiroglu et
   * al. 2024 (arXiv:2404.10102): α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25},
   * i.e. 6·6·5·5·5 = 4,500 starts, in the nested order a, b, e, α, β (α, β varying fastest).
   */
  public static StartGrid hoffmann() {
    return grid(range(0, 25, 5), range(0, 25, 5), range(-1, 1, 0.5), range(0, 2, 0.5), range(0, 2, 0.5))
        .named("Hoffmann et al. 2022 grid (4,500 starts)");
  }

  /** The Cartesian product of the given values (nested order a, b, e, α, β). */
  public static StartGrid grid(double[] a, double[] b, double[] e, double[] alpha, double[] beta) {
    List<double[]> out = new ArrayList<>();
    for (double ai : a) for (double bi : b) for (double ei : e) for (double al : alpha) for (double be : beta) {
      out.add(new double[] {ai, bi, ei, al, be});
    }
    return new StartGrid(out.toArray(new double[0][]), "grid of " + out.size() + " starts");
  }

  /** Explicit starts, each (a, b, e, α, β). */
  public static StartGrid of(double[]... starts) {
    double[][] copy = new double[starts.length][];
    for (int i = 0; i < starts.length; i++) copy[i] = starts[i].clone();
    return new StartGrid(copy, starts.length + " given starts");
  }

  /**
   * A warm start: {@code center} itself plus {@code count − 1} points jittered around it by a normal
   * perturbation with standard deviation {@code spread}·max(1, |θⱼ|) in each coordinate, drawn
   * from {@code seed} (used by the bootstrap, which refits near the full-data optimum).
   */
  public static StartGrid around(double[] center, int count, double spread, long seed) {
    if (count < 1) throw new IllegalArgumentException("count must be ≥ 1, got " + count);
    if (!(spread >= 0)) throw new IllegalArgumentException("spread must be ≥ 0, got " + spread);
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] out = new double[count][];
    out[0] = center.clone();
    for (int i = 1; i < count; i++) {
      out[i] = center.clone();
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] += spread * Math.max(1.0, Math.abs(center[j])) * rng.nextGaussian();
      }
    }
    return new StartGrid(out, count + " starts around a point");
  }

  /** Evenly spaced values lo, lo+step, …, hi (inclusive, up to rounding). */
  public static double[] range(double lo, double hi, double step) {
    if (!(step > 0) || hi < lo) throw new IllegalArgumentException("need lo ≤ hi and step > 0, got " + lo + ", " + hi + ", " + step);
    int n = (int) Math.floor((hi - lo) / step + 1e-9) + 1;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = lo + i * step;
    return v;
  }

  /** The same starts under another display name. */
  public StartGrid named(String newName) {
    return new StartGrid(starts, newName);
  }

  public int size() {
    return starts.length;
  }

  /** A copy of start i. */
  public double[] get(int i) {
    return starts[i].clone();
  }

  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return "StartGrid[" + name + ", first " + Arrays.toString(starts[0]) + "]";
  }

}
