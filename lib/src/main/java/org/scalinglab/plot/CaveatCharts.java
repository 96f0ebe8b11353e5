package org.scalinglab.plot;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.scalinglab.fit.AllocationBias;
import org.scalinglab.fit.ExtrapolationStudy;
import org.scalinglab.fit.FitSensitivity;

/** Figures of notebook 12 (the caveats of fitting scaling laws). */
public final class CaveatCharts {
  private CaveatCharts() {}

  /** Mean and largest relative error of the held-out runs against decades extrapolated. */
  public static XYChart extrapolationError(ExtrapolationStudy... studies) {
    XYChart chart = Charts.linear("Fit on the small runs, predict the big ones", "decades of compute beyond the largest fitted run",
        "mean |predicted/actual − 1| (%)");
    for (ExtrapolationStudy s : studies) {
      double[] e = s.meanErrors();
      for (int i = 0; i < e.length; i++) e[i] *= 100;
      Charts.line(chart, String.format(java.util.Locale.ROOT, "fitted up to C = %.0e", s.cut()), s.distances(), e);
    }
    return Charts.tidyLegend(chart);
  }

  /** Bootstrap interval widths against the number of runs, on log–log axes, with a 1/√n guide. */
  public static XYChart bootstrapWidths(List<FitSensitivity.Widths> widths) {
    XYChart chart = Charts.logLog("95% interval width against the number of runs", "runs fitted", "interval width");
    double[] n = widths.stream().mapToDouble(FitSensitivity.Widths::runs).toArray();
    double[] a = widths.stream().mapToDouble(FitSensitivity.Widths::alpha).toArray();
    double[] b = widths.stream().mapToDouble(FitSensitivity.Widths::beta).toArray();
    double[] guide = new double[n.length];
    for (int i = 0; i < n.length; i++) guide[i] = a[0] * Math.sqrt(n[0] / n[i]);
    Charts.points(chart, "α", n, a);
    Charts.points(chart, "β", n, b);
    Charts.line(chart, "∝ 1/√n", n, guide);
    return Charts.tidyLegend(chart);
  }

  /** Compute-optimal model sizes read with two parameter counts, on log–log axes. */
  public static XYChart parameterCounting(AllocationBias.Frontier nonEmbedding, AllocationBias.Frontier total) {
    XYChart chart = Charts.logLog("The optimal model size depends on what you count", "compute C (FLOPs, as counted)",
        "optimal parameters (as counted)");
    Charts.points(chart, String.format(java.util.Locale.ROOT, "non-embedding, C = 6·N_ne·D (a = %.2f)", nonEmbedding.exponent()),
        nonEmbedding.compute(), nonEmbedding.params());
    Charts.points(chart, String.format(java.util.Locale.ROOT, "all parameters, C = 6·N·D (a = %.2f)", total.exponent()),
        total.compute(), total.params());
    return Charts.tidyLegend(chart);
  }
}
