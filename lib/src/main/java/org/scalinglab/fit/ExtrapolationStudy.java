package org.scalinglab.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalinglab.data.Run;
import org.scalinglab.data.Runs;
import org.scalinglab.util.TableFormats;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Fit on the small runs, predict the big ones: an Approach-3 fit on the runs whose compute is at most
 * a cut, then the relative error |L̂/L − 1| of every held-out run, grouped by how far beyond the cut
 * its compute lies (in decades, log₁₀(C/cut)). The way scaling laws are used (design small, predict
 * large) and the first caveat of lecture 1: "unclear how much to extrapolate".
 *
 * @param fit the fit on the runs at or below the cut
 * @param cut the largest compute (FLOPs) fitted
 * @param bins the held-out runs by distance, nearest first; bins with fewer than the requested
 *     number of runs are left out
 */
public record ExtrapolationStudy(Approach3Result fit, double cut, List<Bin> bins) {

  /**
   * Held-out runs whose compute lies between {@code fromDecades} and {@code toDecades} beyond the cut.
   *
   * @param fromDecades lower end of log₁₀(C/cut)
   * @param toDecades upper end
   * @param runs how many held-out runs fall in it
   * @param meanError mean |L̂/L − 1|
   * @param maxError largest |L̂/L − 1|
   */
  public record Bin(double fromDecades, double toDecades, int runs, double meanError, double maxError) {}

  /**
   * Fits {@code fit} on the runs with compute ≤ {@code cut} and bins the errors on the others in
   * steps of {@code binDecades}, keeping bins of at least {@code minRuns} runs.
   */
  public static ExtrapolationStudy run(Approach3Fit fit, Runs runs, double cut, double binDecades, int minRuns) {
    if (!(cut > 0) || Double.isInfinite(cut)) throw new IllegalArgumentException("cut must be a positive finite number of FLOPs, got " + cut);
    if (!(binDecades > 0)) throw new IllegalArgumentException("bin width must be > 0 decades, got " + binDecades);
    if (minRuns < 1) throw new IllegalArgumentException("minRuns must be ≥ 1, got " + minRuns);
    Runs small = runs.filter(r -> r.compute() <= cut);
    Runs kept = fit.exclusions().apply(runs);
    Approach3Result result = fit.fit(small);
    List<double[]> byBin = new ArrayList<>(); // per bin: sum, max, count
    for (Run r : kept) {
      if (r.compute() <= cut) continue;
      int k = (int) Math.floor(Math.log10(r.compute() / cut) / binDecades);
      while (byBin.size() <= k) byBin.add(new double[3]);
      double err = Math.abs(result.law().loss(r.params(), r.tokens()) / r.loss() - 1);
      double[] b = byBin.get(k);
      b[0] += err;
      b[1] = Math.max(b[1], err);
      b[2]++;
    }
    List<Bin> bins = new ArrayList<>();
    for (int k = 0; k < byBin.size(); k++) {
      double[] b = byBin.get(k);
      if (b[2] >= minRuns) bins.add(new Bin(k * binDecades, (k + 1) * binDecades, (int) b[2], b[0] / b[2], b[1]));
    }
    if (bins.isEmpty()) throw new IllegalArgumentException("no bin beyond the cut " + cut + " holds " + minRuns + " runs");
    return new ExtrapolationStudy(result, cut, List.copyOf(bins));
  }

  /** The bins' mean errors, nearest first. */
  public double[] meanErrors() {
    return bins.stream().mapToDouble(Bin::meanError).toArray();
  }

  /** The bins' centres in decades beyond the cut. */
  public double[] distances() {
    return bins.stream().mapToDouble(b -> (b.fromDecades() + b.toDecades()) / 2).toArray();
  }

  /** Whether the mean error grows from each bin to the next. */
  public boolean errorGrowsWithDistance() {
    double[] e = meanErrors();
    for (int i = 1; i < e.length; i++) if (!(e[i] > e[i - 1])) return false;
    return true;
  }

  /** One row per bin: decades beyond the cut, runs, mean and largest error (%). */
  public Table toTable() {
    DoubleColumn from = DoubleColumn.create("decades beyond (from)"), to = DoubleColumn.create("to"),
        mean = DoubleColumn.create("mean |error| %"), max = DoubleColumn.create("max |error| %");
    IntColumn n = IntColumn.create("runs");
    for (Bin b : bins) {
      from.append(b.fromDecades());
      to.append(b.toDecades());
      n.append(b.runs());
      mean.append(100 * b.meanError());
      max.append(100 * b.maxError());
    }
    TableFormats.significant(mean, 3);
    TableFormats.significant(max, 3);
    return Table.create(String.format(Locale.ROOT, "Fitted on %d runs with C ≤ %.3g FLOPs", fit.runs().size(), cut),
        from, to, n, mean, max);
  }
}
