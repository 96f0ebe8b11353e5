package org.scalinglab.fit;

import org.scalinglab.util.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How Approach 2 groups runs into IsoFLOP profiles (runs that share one compute budget). Real sweeps
 * use a few exact budgets; digitized or logged FLOP counts are only approximately equal, so the
 * grouping works on log₁₀ C with a tolerance. Three strategies:
 * <ul>
 *   <li>{@link #modes(double, double)} (default): the budgets are the modes of the density of
 *       log₁₀ C, found by Gaussian mean shift (Fukunaga &amp; Hostetler 1975; Comaniciu &amp; Meer
 *       2002); a run joins the mode it climbs to if it lies within a tolerance of it. Robust to
 *       read-off error and to stray runs between budgets.
 *   <li>{@link #roundLog10(double)}: runs whose log₁₀ C rounds to the same multiple of a step.
 *   <li>{@link #nearest(double, double...)}: each run joins the nearest of the given budgets
 *       within a tolerance (e.g. Hoffmann et al.'s nine budgets 6·10¹⁸ … 3·10²¹).
 * </ul>
 */
public interface ComputeGrouping {
  /** One group: its budget (FLOPs) and the indices of its runs. */
  record Group(double budget, int[] indices) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "Group[C=%.3g, %d runs]", budget, indices.length);
    }
  }

  /** Groups the runs with these compute values; runs in no group are left out. */
  List<Group> groups(double[] compute);

  /** A short description for reports. */
  String describe();

  /** The default: {@code modes(0.04, 0.05)}. */
  static ComputeGrouping defaults() {
    return modes(0.04, 0.05);
  }

  /**
   * Gaussian mean shift on log₁₀ C with the given bandwidth (dex); modes closer than half the
   * bandwidth merge; a run belongs to its mode's group when |log₁₀ C − mode| ≤ tolerance (dex). The
   * group's budget is 10^mode.
   */
  static ComputeGrouping modes(double bandwidth, double tolerance) {
    Checks.positive("bandwidth", bandwidth);
    Checks.positive("tolerance", tolerance);
    return new ComputeGrouping() {
      @Override
      public List<Group> groups(double[] compute) {
        int n = compute.length;
        double[] x = log10(compute), m = x.clone();
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double reach = 6 * bandwidth; // Gaussian weights beyond 6 bandwidths are below 1e-7: skip them
        for (int iter = 0; iter < 1000; iter++) {
          double shift = 0;
          for (int i = 0; i < n; i++) {
            double num = 0, den = 0;
            int lo = lowerBound(sorted, m[i] - reach);
            for (int j = lo; j < n && sorted[j] <= m[i] + reach; j++) {
              double z = (m[i] - sorted[j]) / bandwidth, w = Math.exp(-0.5 * z * z);
              num += w * sorted[j];
              den += w;
            }
            double next = num / den;
            shift = Math.max(shift, Math.abs(next - m[i]));
            m[i] = next;
          }
          if (shift < 1e-10) break;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (p, q) -> Double.compare(m[p], m[q]));
        List<List<Integer>> clusters = new ArrayList<>();
        List<Double> centers = new ArrayList<>();
        double last = Double.NEGATIVE_INFINITY;
        for (int k : order) {
          if (m[k] - last > bandwidth / 2) {
            clusters.add(new ArrayList<>());
            centers.add(0.0);
          }
          clusters.get(clusters.size() - 1).add(k);
          last = m[k];
        }
        List<Group> out = new ArrayList<>();
        for (int g = 0; g < clusters.size(); g++) {
          double center = clusters.get(g).stream().mapToDouble(k -> m[k]).average().orElseThrow();
          int[] members = clusters.get(g).stream().filter(k -> Math.abs(x[k] - center) <= tolerance)
              .mapToInt(Integer::intValue).sorted().toArray();
          if (members.length > 0) out.add(new Group(Math.pow(10, center), members));
        }
        return out;
      }

      @Override
      public String describe() {
        return String.format(Locale.ROOT, "modes of log10 C (bandwidth %.3g dex, runs within %.3g dex)", bandwidth, tolerance);
      }
    };
  }

  /** Runs whose log₁₀ C rounds to the same multiple of {@code step} (dex); budget = 10^(that multiple). */
  static ComputeGrouping roundLog10(double step) {
    Checks.positive("step", step);
    return new ComputeGrouping() {
      @Override
      public List<Group> groups(double[] compute) {
        double[] x = log10(compute);
        Map<Long, List<Integer>> byKey = new TreeMap<>();
        for (int i = 0; i < x.length; i++) byKey.computeIfAbsent(Math.round(x[i] / step), k -> new ArrayList<>()).add(i);
        List<Group> out = new ArrayList<>();
        byKey.forEach((k, v) -> out.add(new Group(Math.pow(10, k * step), v.stream().mapToInt(Integer::intValue).toArray())));
        return out;
      }

      @Override
      public String describe() {
        return String.format(Locale.ROOT, "log10 C rounded to multiples of %.3g", step);
      }
    };
  }

  /** Each run joins the nearest given budget if within {@code tolerance} dex of it. */
  static ComputeGrouping nearest(double tolerance, double... budgets) {
    Checks.positive("tolerance", tolerance);
    if (budgets.length == 0) throw new IllegalArgumentException("give at least one budget");
    for (double b : budgets) Checks.positive("budget", b);
    double[] sorted = budgets.clone();
    Arrays.sort(sorted);
    return new ComputeGrouping() {
      @Override
      public List<Group> groups(double[] compute) {
        double[] x = log10(compute);
        Map<Integer, List<Integer>> byBudget = new LinkedHashMap<>();
        for (int b = 0; b < sorted.length; b++) byBudget.put(b, new ArrayList<>());
        for (int i = 0; i < x.length; i++) {
          int best = -1;
          double bestDist = Double.POSITIVE_INFINITY;
          for (int b = 0; b < sorted.length; b++) {
            double dist = Math.abs(x[i] - Math.log10(sorted[b]));
            if (dist < bestDist) {
              bestDist = dist;
              best = b;
            }
          }
          if (bestDist <= tolerance) byBudget.get(best).add(i);
        }
        List<Group> out = new ArrayList<>();
        byBudget.forEach((b, v) -> {
          if (!v.isEmpty()) out.add(new Group(sorted[b], v.stream().mapToInt(Integer::intValue).toArray()));
        });
        return out;
      }

      @Override
      public String describe() {
        return String.format(Locale.ROOT, "nearest of %d given budgets (within %.3g dex)", sorted.length, tolerance);
      }
    };
  }

  /** First index whose value is ≥ v in a sorted array. */
  private static int lowerBound(double[] sorted, double v) {
    int lo = 0, hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static double[] log10(double[] c) {
    double[] x = new double[c.length];
    for (int i = 0; i < c.length; i++) x[i] = Math.log10(c[i]);
    return x;
  }

}
