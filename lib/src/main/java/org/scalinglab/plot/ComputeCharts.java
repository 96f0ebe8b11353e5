package org.scalinglab.plot;

import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.scalinglab.data.ModelsTable;
import org.scalinglab.law.ComputeAllocation;

/**
 * Figures about spending compute: allocation rules side by side (Kaplan et al. 2020 vs Hoffmann et
 * al. 2022) and published models placed against them. One method per figure.
 */
public final class ComputeCharts {
  private static final int POINTS = 100;

  private ComputeCharts() {}

  /** N_opt(C) of each rule for budgets from lo to hi FLOPs, on log–log axes. */
  public static XYChart optimalParams(double lo, double hi, ComputeAllocation... rules) {
    XYChart chart = Charts.logLog("Compute-optimal model size", "training compute C (FLOPs)", "N_opt (parameters)");
    double[] c = Charts.logSpace(lo, hi, POINTS);
    for (ComputeAllocation r : rules) Charts.line(chart, r.name(), c, map(c, r::optimalParams));
    return Charts.tidyLegend(chart);
  }

  /** D_opt(C) of each rule for budgets from lo to hi FLOPs, on log–log axes. */
  public static XYChart optimalTokens(double lo, double hi, ComputeAllocation... rules) {
    XYChart chart = Charts.logLog("Compute-optimal training tokens", "training compute C (FLOPs)", "D_opt (tokens)");
    double[] c = Charts.logSpace(lo, hi, POINTS);
    for (ComputeAllocation r : rules) Charts.line(chart, r.name(), c, map(c, r::optimalTokens));
    return Charts.tidyLegend(chart);
  }

  /**
   * Each published model at (C = 6ND, N) against the rules' N_opt(C): a model above a rule's line has
   * more parameters (and fewer tokens) than that rule would spend its compute on.
   */
  public static XYChart modelsVsFrontier(ModelsTable models, ComputeAllocation... rules) {
    XYChart chart = Charts.logLog("Published models vs compute-optimal size", "training compute C = 6ND (FLOPs)", "parameters N");
    double[] c = Charts.logSpace(1e22, 1e25, POINTS);
    for (ComputeAllocation r : rules) Charts.line(chart, r.name(), c, map(c, r::optimalParams));
    for (ModelsTable.Model m : models.models()) {
      Charts.points(chart, String.format(Locale.ROOT, "%s (%.0fB, %.2gT)", m.name(), m.params() / 1e9, m.tokens() / 1e12),
          new double[] {m.compute()}, new double[] {m.params()});
    }
    return Charts.tidyLegend(chart);
  }

  private static double[] map(double[] x, java.util.function.DoubleUnaryOperator f) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = f.applyAsDouble(x[i]);
    return y;
  }
}
