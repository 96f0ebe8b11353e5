package org.scalinglab.law;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The range of parameters N, tokens D and compute C a law was fitted on, so that a prediction far
 * outside it can say so: a law fitted on 10¹⁸–10²² FLOPs says nothing trustworthy at 1 FLOP.
 * {@link #warnings} lists, for a prediction at (N, D, C), each quantity that lies more than a factor
 * (default {@value #DEFAULT_FACTOR}×) beyond the range, with the range and where it comes from.
 *
 * <p>The published laws carry the range of their papers' runs: {@link #HOFFMANN_2022} and
 * {@link #KAPLAN_2020}; fitted laws carry the range of the runs they were fitted on
 * ({@link #of}).
 *
 * @param minParams smallest N
 * @param maxParams largest N
 * @param minTokens smallest D
 * @param maxTokens largest D
 * @param minCompute smallest C (FLOPs)
 * @param maxCompute largest C (FLOPs)
 * @param basis where the range comes from ("245 runs of chinchilla_epoch_digitized.csv", a citation)
 */
public record FitRange(double minParams, double maxParams, double minTokens, double maxTokens, double minCompute,
    double maxCompute, String basis) {
  /** How far beyond the range (as a factor) a prediction may go before it is flagged. */
  public static final double DEFAULT_FACTOR = 100;

  /**
   * The runs behind Hoffmann et al. 2022's Approach 3: "over 400 language models ranging from 70
   * million to over 16 billion parameters on 5 to 500 billion tokens" (arXiv:2203.15556, abstract
   * and Section 3); compute 1.4×10¹⁸ to 1.3×10²² FLOPs, the range of those runs as digitized from
   * their Figure 4 by Besiroglu et al. 2024 (arXiv:2404.10102; data/chinchilla_epoch_digitized.csv).
   */
  public static final FitRange HOFFMANN_2022 = new FitRange(7e7, 1.6e10, 5e9, 5e11, 1.4e18, 1.3e22,
      "Hoffmann et al. 2022's runs");

  /**
   * The runs behind Kaplan et al. 2020 (arXiv:2001.08361, Sections 1 and 3): models of 768 to
   * 1.5×10⁹ non-embedding parameters, datasets of 22×10⁶ to 23×10⁹ tokens; the compute range is
   * C = 6ND at those corners (≈1.0×10¹¹ to 2.1×10²⁰ FLOPs), our derivation, not a figure of the paper.
   */
  public static final FitRange KAPLAN_2020 = new FitRange(768, 1.5e9, 22e6, 23e9, 6.0 * 768 * 22e6, 6.0 * 1.5e9 * 23e9,
      "Kaplan et al. 2020's runs");

  public FitRange {
    check("params", minParams, maxParams);
    check("tokens", minTokens, maxTokens);
    check("compute", minCompute, maxCompute);
    if (basis == null || basis.isBlank()) throw new IllegalArgumentException("a range needs its basis (where it comes from)");
  }

  private static void check(String what, double lo, double hi) {
    if (!(lo > 0) || !(hi >= lo) || Double.isInfinite(hi)) {
      throw new IllegalArgumentException("range of " + what + " must satisfy 0 < min ≤ max < ∞, got [" + lo + ", " + hi + "]");
    }
  }

  /** The range of runs given as N, D and C columns (all the same length, at least one run). */
  public static FitRange of(double[] params, double[] tokens, double[] compute, String basis) {
    if (params.length == 0) throw new IllegalArgumentException("a range needs at least one run");
    return new FitRange(min(params), max(params), min(tokens), max(tokens), min(compute), max(compute), basis);
  }

  /**
   * For a prediction at N parameters, D tokens and C FLOPs (NaN for a quantity not involved): one
   * line for each of them that lies more than {@code factor}× outside this range; empty when none.
   */
  public List<String> warnings(double n, double d, double c, double factor) {
    if (!(factor >= 1)) throw new IllegalArgumentException("the extrapolation factor must be ≥ 1, got " + factor);
    List<String> out = new ArrayList<>();
    add(out, "C", c, "FLOPs", minCompute, maxCompute, factor);
    add(out, "N", n, "parameters", minParams, maxParams, factor);
    add(out, "D", d, "tokens", minTokens, maxTokens, factor);
    return out;
  }

  /** {@link #warnings(double, double, double, double)} with the default factor. */
  public List<String> warnings(double n, double d, double c) {
    return warnings(n, d, c, DEFAULT_FACTOR);
  }

  private void add(List<String> out, String sym, double x, String unit, double lo, double hi, double factor) {
    if (Double.isNaN(x)) return;
    String where;
    if (x < lo / factor) {
      where = String.format(Locale.ROOT, "%s below", times(lo / x));
    } else if (x > hi * factor) {
      where = String.format(Locale.ROOT, "%s above", times(x / hi));
    } else {
      return;
    }
    out.add(String.format(Locale.ROOT, "%s = %s %s is %s the range the law was fitted on (%s to %s %s, %s): an extrapolation",
        sym, num(x), unit, where, num(lo), num(hi), unit, basis));
  }

  /** "1.2 × 10^5×" style factor, plain for small ones: "350×". */
  private static String times(double f) {
    return f < 1e4 ? String.format(Locale.ROOT, "%.0f×", f) : String.format(Locale.ROOT, "%.1e×", f);
  }

  private static String num(double x) {
    return String.format(Locale.ROOT, "%.3g", x);
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) m = Math.min(m, x);
    return m;
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) m = Math.max(m, x);
    return m;
  }
}
