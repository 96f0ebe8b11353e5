package org.scalinglab.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.scalinglab.data.Run;
import org.scalinglab.data.Runs;
import org.scalinglab.error.FitFailedException;
import org.scalinglab.law.ScalingLaw;
import org.scalinglab.util.TableFormats;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How much an Approach-3 fit moves when the experiment changes a little: the number of runs (the
 * width of bootstrap intervals), read-off error in digitized points, and which points are left out.
 * Lecture 1's "tiny experimental issues have a big impact", measured. Deterministic for a seed.
 */
public final class FitSensitivity {
  private FitSensitivity() {}

  /**
   * The width of 95% bootstrap intervals for n runs.
   *
   * @param runs how many runs were fitted
   * @param alpha the width of α's interval
   * @param beta the width of β's interval
   * @param paramsExponent the width of a = β/(α+β)'s interval
   */
  public record Widths(int runs, double alpha, double beta, double paramsExponent) {}

  /**
   * Bootstrap interval widths against the number of runs: {@code max(counts)} runs are drawn from
   * {@code truth} once ({@link SyntheticRuns#scattered}), the first n of them are fitted for each n
   * in {@code counts} (nested samples, so only the count changes), and each fit is bootstrapped with
   * {@code resamples} resamples. For a well-determined fit the widths shrink like 1/√n.
   */
  public static List<Widths> bootstrapWidths(Approach3Fit fit, ScalingLaw truth, int[] counts, double nLo, double nHi,
      double dLo, double dHi, double noise, int resamples, long seed) {
    int max = 0;
    for (int c : counts) {
      if (c < 6) throw new IllegalArgumentException("each count must be ≥ 6 runs (5 parameters), got " + c);
      max = Math.max(max, c);
    }
    List<Run> all = SyntheticRuns.scattered(truth, max, nLo, nHi, dLo, dHi, noise, seed).list();
    List<Widths> out = new ArrayList<>();
    for (int c : counts) {
      if (Thread.currentThread().isInterrupted()) throw new CancellationException("interrupted after " + out.size() + " of " + counts.length + " counts");
      Approach3Result full = fit.fit(Runs.of(all.subList(0, c), c + " synthetic runs"));
      BootstrapResult b = Bootstrap.builder().resamples(resamples).seed(seed + c).build().run(fit, full);
      out.add(new Widths(c, b.interval(BootstrapResult.Quantity.ALPHA).width(), b.interval(BootstrapResult.Quantity.BETA).width(),
          b.interval(BootstrapResult.Quantity.PARAMS_EXPONENT).width()));
    }
    return List.copyOf(out);
  }

  /** A table of {@link #bootstrapWidths} with width·√n, which stays roughly constant when widths go as 1/√n. */
  public static Table widthsTable(List<Widths> widths) {
    IntColumn n = IntColumn.create("runs");
    DoubleColumn a = DoubleColumn.create("width of α"), b = DoubleColumn.create("width of β"),
        p = DoubleColumn.create("width of a"), s = DoubleColumn.create("width of α · √n");
    for (Widths w : widths) {
      n.append(w.runs());
      a.append(w.alpha());
      b.append(w.beta());
      p.append(w.paramsExponent());
      s.append(w.alpha() * Math.sqrt(w.runs()));
    }
    for (DoubleColumn c : new DoubleColumn[] {a, b, p, s}) TableFormats.significant(c, 3);
    return Table.create("95% bootstrap intervals against the number of runs", n, a, b, p, s);
  }

  /**
   * The runs with each run's N, C and loss multiplied by e^(σ·z), independent standard normal z
   * per value (D recomputed as C/6N): a stand-in for the error of reading points off a figure.
   */
  public static Runs perturb(Runs runs, double relativeNoise, long seed) {
    if (!(relativeNoise >= 0) || Double.isInfinite(relativeNoise)) {
      throw new IllegalArgumentException("relative noise must be a finite number ≥ 0, got " + relativeNoise);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    List<Run> out = new ArrayList<>(runs.size());
    for (Run r : runs) {
      double n = r.params() * Math.exp(relativeNoise * rng.nextGaussian());
      double c = r.compute() * Math.exp(relativeNoise * rng.nextGaussian());
      double l = r.loss() * Math.exp(relativeNoise * rng.nextGaussian());
      out.add(Run.fromCompute(n, c, l));
    }
    return Runs.of(out, runs.source() + String.format(Locale.ROOT, " (perturbed by %.3g%%)", 100 * relativeNoise));
  }

  /**
   * Refits of perturbed copies of the runs ({@link #perturb}, seeds seed, seed+1, …): {@code fit}'s
   * exclusions apply to each copy, and each refit starts near {@code center} (the fit of the
   * unperturbed runs) with tight tolerances, as the bootstrap does. Refits that fail are left out.
   */
  public static List<Approach3Result> perturbedRefits(Approach3Fit fit, Approach3Result center, Runs runs,
      double relativeNoise, int trials, long seed) {
    if (trials < 1) throw new IllegalArgumentException("trials must be ≥ 1, got " + trials);
    Lbfgs tight = Lbfgs.builder().gradientTolerance(1e-9).functionTolerance(0).maxIterations(2000).build();
    List<Approach3Result> out = new ArrayList<>();
    for (int i = 0; i < trials; i++) {
      if (Thread.currentThread().isInterrupted()) throw new CancellationException("interrupted after " + i + " of " + trials + " refits");
      Approach3Fit refit = fit.toBuilder().starts(StartGrid.around(center.theta(), 8, 0.1, seed + i)).lbfgs(tight).build();
      try {
        out.add(refit.fit(perturb(runs, relativeNoise, seed + i)));
      } catch (FitFailedException ex) {
        // a perturbed copy with no usable fit: left out (the count shows it)
      }
    }
    return List.copyOf(out);
  }

  /** Spread of α, β, E and a = β/(α+β) over fits: mean, standard deviation, min, max. */
  public static Table spread(String title, List<Approach3Result> fits) {
    StringColumn q = StringColumn.create("quantity");
    DoubleColumn mean = DoubleColumn.create("mean"), sd = DoubleColumn.create("sd"), min = DoubleColumn.create("min"),
        max = DoubleColumn.create("max");
    String[] names = {"α", "β", "E", "a = β/(α+β)"};
    for (int k = 0; k < names.length; k++) {
      DescriptiveStatistics s = stats(fits, k);
      q.append(names[k]);
      mean.append(s.getMean());
      sd.append(s.getStandardDeviation());
      min.append(s.getMin());
      max.append(s.getMax());
    }
    for (DoubleColumn c : new DoubleColumn[] {mean, sd, min, max}) TableFormats.significant(c, 4);
    return Table.create(title + " (" + fits.size() + " fits)", q, mean, sd, min, max);
  }

  /** The standard deviation of a = β/(α+β) over fits. */
  public static double paramsExponentSd(List<Approach3Result> fits) {
    return stats(fits, 3).getStandardDeviation();
  }

  /** max − min of a quantity over fits: 0 α, 1 β, 2 E, 3 a. */
  public static double range(List<Approach3Result> fits, int quantity) {
    DescriptiveStatistics s = stats(fits, quantity);
    return s.getMax() - s.getMin();
  }

  private static DescriptiveStatistics stats(List<Approach3Result> fits, int k) {
    DescriptiveStatistics s = new DescriptiveStatistics();
    for (Approach3Result f : fits) {
      s.addValue(switch (k) {
        case 0 -> f.alpha();
        case 1 -> f.beta();
        case 2 -> f.E();
        default -> f.paramsExponent();
      });
    }
    return s;
  }

}
