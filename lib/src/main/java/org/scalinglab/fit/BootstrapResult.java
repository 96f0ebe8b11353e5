package org.scalinglab.fit;

import org.scalinglab.law.ChinchillaLaw;
import org.scalinglab.util.TableFormats;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Bootstrap intervals for an Approach-3 fit: every parameter and the compute-optimal quantities at
 * one budget, from the refits of resampled runs ({@link Bootstrap}). Intervals are percentile
 * intervals (Efron &amp; Tibshirani 1993, "An Introduction to the Bootstrap", Section 13.3), with
 * the percentiles estimated as numpy's default does (Hyndman &amp; Fan 1996 definition 7).
 */
public final class BootstrapResult {
  /** The quantities with intervals. */
  public enum Quantity {
    E("E", "E"),
    A("A", "A"),
    B("B", "B"),
    ALPHA("alpha", "α"),
    BETA("beta", "β"),
    PARAMS_EXPONENT("a", "a = β/(α+β)"),
    TOKENS_EXPONENT("b", "b = α/(α+β)"),
    OPTIMAL_PARAMS("N_opt", "N*(C)"),
    OPTIMAL_TOKENS("D_opt", "D*(C)"),
    TOKENS_PER_PARAM("tokens_per_param", "D*/N*");

    private final String key;
    private final String label;

    Quantity(String key, String label) {
      this.key = key;
      this.label = label;
    }

    /** A plain key, e.g. for JSON: "alpha", "N_opt". */
    public String key() {
      return key;
    }

    /** A readable label, e.g. "α", "N*(C)". */
    public String label() {
      return label;
    }

    /** This quantity for a parameter vector θ = (a, b, e, α, β) at the budget; NaN when undefined. */
    double of(double[] t, double budget) {
      double alpha = t[HuberLogObjective.ALPHA], beta = t[HuberLogObjective.BETA];
      switch (this) {
        case E: return Math.exp(t[HuberLogObjective.E]);
        case A: return Math.exp(t[HuberLogObjective.A]);
        case B: return Math.exp(t[HuberLogObjective.B]);
        case ALPHA: return alpha;
        case BETA: return beta;
        case PARAMS_EXPONENT: return beta / (alpha + beta);
        case TOKENS_EXPONENT: return alpha / (alpha + beta);
        default: break;
      }
      if (!(alpha > 0 && beta > 0)) return Double.NaN;
      double logN = ChinchillaLaw.logOptimalParams(t[HuberLogObjective.A], t[HuberLogObjective.B], alpha, beta, budget);
      double logD = Math.log(budget / 6) - logN;
      switch (this) {
        case OPTIMAL_PARAMS: return Math.exp(logN);
        case OPTIMAL_TOKENS: return Math.exp(logD);
        default: return Math.exp(logD - logN);
      }
    }
  }

  private final Approach3Result full;
  private final double budget;
  private final double level;
  private final int resamples;
  private final int failed;
  private final Map<Quantity, double[]> samples;
  private final Map<Quantity, ConfidenceInterval> intervals;

  BootstrapResult(Approach3Result full, double budget, double level, double[][] thetas) {
    this.full = full;
    this.budget = budget;
    this.level = level;
    this.resamples = thetas.length;
    this.samples = new EnumMap<>(Quantity.class);
    this.intervals = new EnumMap<>(Quantity.class);
    double[] fullTheta = full.theta();
    int bad = 0;
    for (double[] t : thetas) if (t == null || Double.isNaN(Quantity.OPTIMAL_PARAMS.of(t, budget))) bad++;
    this.failed = bad;
    Percentile pct = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
    for (Quantity q : Quantity.values()) {
      double[] v = Arrays.stream(thetas).filter(t -> t != null).mapToDouble(t -> q.of(t, budget))
          .filter(Double::isFinite).toArray();
      samples.put(q, v);
      double tail = 100 * (1 - level) / 2;
      double lo = v.length == 0 ? Double.NaN : pct.evaluate(v, tail);
      double hi = v.length == 0 ? Double.NaN : pct.evaluate(v, 100 - tail);
      intervals.put(q, new ConfidenceInterval(q.of(fullTheta, budget), lo, hi, level));
    }
  }

  /** The fit on all the data, around which the intervals are drawn. */
  public Approach3Result full() {
    return full;
  }

  /** The interval of one quantity. */
  public ConfidenceInterval interval(Quantity q) {
    return intervals.get(q);
  }

  /** The bootstrap values of one quantity (finite ones only), e.g. for a histogram. */
  public double[] samples(Quantity q) {
    return samples.get(q).clone();
  }

  /** The compute budget C at which N*, D* and D*÷N* are evaluated. */
  public double budget() {
    return budget;
  }

  public double level() {
    return level;
  }

  public int resamples() {
    return resamples;
  }

  /** Resamples whose refit gave no usable law (α or β ≤ 0); they are left out of the intervals. */
  public int failed() {
    return failed;
  }

  /** A table: quantity, estimate, lower, upper. */
  public Table toTable() {
    StringColumn name = StringColumn.create("quantity");
    DoubleColumn est = DoubleColumn.create("estimate"), lo = DoubleColumn.create("lower"), hi = DoubleColumn.create("upper");
    for (Quantity q : Quantity.values()) {
      ConfidenceInterval ci = intervals.get(q);
      name.append(q == Quantity.OPTIMAL_PARAMS || q == Quantity.OPTIMAL_TOKENS
          ? q.label().replace("C", String.format(java.util.Locale.ROOT, "%.3g", budget)) : q.label());
      est.append(ci.estimate());
      lo.append(ci.lower());
      hi.append(ci.upper());
    }
    for (DoubleColumn c : new DoubleColumn[] {est, lo, hi}) TableFormats.significant(c, 4);
    return Table.create(String.format(java.util.Locale.ROOT, "Bootstrap: %d resamples, %.0f%% intervals",
        resamples, 100 * level), name, est, lo, hi);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("BootstrapResult[" + resamples + " resamples");
    for (Quantity q : Quantity.values()) sb.append(", ").append(q.key()).append('=').append(intervals.get(q));
    return sb.append(']').toString();
  }
}
