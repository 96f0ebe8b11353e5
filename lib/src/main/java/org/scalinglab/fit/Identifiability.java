package org.scalinglab.fit;

import org.scalinglab.error.FitFailedException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.scalinglab.data.Runs;

/**
 * Checks, before a fit, that the runs can determine the law's parameters, and says what is missing
 * when they cannot ({@link FitFailedException}): a law L = E + A/N^α + B/D^β is not determined by
 * ten copies of one run, nor by runs whose D is a fixed power of N (every run at 20 tokens per
 * parameter), where the N and D terms cannot be told apart.
 *
 * <p>The rule: at least as many distinct (N, D) as the law has parameters; for each power term with
 * a floor (E) three distinct values of its variable (coefficient, exponent and floor), two without
 * one; and log D not an exact linear function of log N.
 */
public final class Identifiability {
  private Identifiability() {}

  /**
   * Throws FitFailedException unless the runs can determine a law of {@code parameters} parameters
   * in which N and D each enter through a power term ({@code perVariable} distinct values needed of
   * each).
   *
   * @param runs the runs to fit (after exclusions)
   * @param law the law as the message should name it ("the Approach-3 law E + A/N^α + B/D^β")
   * @param parameters how many parameters it has
   * @param perVariable distinct N and distinct D it needs
   */
  public static void requireDetermined(Runs runs, String law, int parameters, int perVariable) {
    Set<Double> ns = new HashSet<>(), ds = new HashSet<>();
    Set<List<Double>> pairs = new HashSet<>();
    for (var r : runs) {
      ns.add(r.params());
      ds.add(r.tokens());
      pairs.add(List.of(r.params(), r.tokens()));
    }
    List<String> missing = new ArrayList<>();
    if (pairs.size() < parameters) {
      missing.add(String.format(Locale.ROOT, "%d run%s at %d distinct (N, D) (need ≥ %d)", runs.size(),
          runs.size() == 1 ? "" : "s", pairs.size(), parameters));
    }
    if (ns.size() < perVariable) missing.add(String.format(Locale.ROOT, "%d distinct N (need ≥ %d)", ns.size(), perVariable));
    if (ds.size() < perVariable) missing.add(String.format(Locale.ROOT, "%d distinct D (need ≥ %d)", ds.size(), perVariable));
    if (!missing.isEmpty()) {
      throw new FitFailedException(runs.source() + ": these runs cannot determine " + law + " (" + parameters
          + " parameters): " + String.join(", ", missing));
    }
    double slope = collinearSlope(runs);
    if (!Double.isNaN(slope)) {
      throw new FitFailedException(String.format(Locale.ROOT, "%s: these runs cannot determine %s: N and D vary together "
          + "(D ∝ N^%.3g in every run), so the N and D terms cannot be told apart; add runs at other tokens per parameter",
          runs.source(), law, slope));
    }
  }

  /** The slope k when log D = k·log N + c holds for every run (to 1e-9 of log D's spread); NaN otherwise. */
  static double collinearSlope(Runs runs) {
    int m = runs.size();
    double mx = 0, my = 0;
    for (var r : runs) {
      mx += Math.log(r.params());
      my += Math.log(r.tokens());
    }
    mx /= m;
    my /= m;
    double sxx = 0, sxy = 0, syy = 0;
    for (var r : runs) {
      double x = Math.log(r.params()) - mx, y = Math.log(r.tokens()) - my;
      sxx += x * x;
      sxy += x * y;
      syy += y * y;
    }
    if (!(sxx > 0) || !(syy > 0)) return Double.NaN; // handled by the distinct-value counts
    double residual = syy - sxy * sxy / sxx;
    return residual <= 1e-9 * syy ? sxy / sxx : Double.NaN;
  }
}
