package org.scalinglab.plot;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scalinglab.demo.inverse.InverseScalingResult;
import org.scalinglab.demo.inverse.InverseScalingTasks;

/**
 * Figures of inverse and U-shaped scaling: the memo-trap experiment's task and control scores
 * against model size with their spread over seeds, the trend a small-model fit would have
 * extrapolated, and the published outcome counts of Wei et al. 2023.
 */
public final class InverseScalingCharts {
  private static final Color TASK = new Color(0xd62728), CONTROL = new Color(0x1f77b4), GREY = new Color(0x7f7f7f);

  private InverseScalingCharts() {}

  /**
   * Task and control score against non-embedding parameters (log x): each seed as a faint point, the
   * mean over seeds as a line with ±1 standard deviation error bars, and the indifference line 0.5
   * (a model that cannot tell the two endings apart).
   */
  public static XYChart scaling(InverseScalingResult r) {
    XYChart c = Charts.linear("Memo trap: U-shaped task, normal control", "non-embedding parameters N",
        "p(correct) / (p(correct) + p(other))");
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(1.0);
    var sizes = r.bySize();
    double[] n = r.params();
    addMean(c, "task (instructed, held-out ending)", n, sizes.stream().mapToDouble(s -> s.task().mean()).toArray(),
        sizes.stream().mapToDouble(s -> s.task().sd()).toArray(), TASK);
    addMean(c, "control (memorised ending)", n, sizes.stream().mapToDouble(s -> s.control().mean()).toArray(),
        sizes.stream().mapToDouble(s -> s.control().sd()).toArray(), CONTROL);
    double[] rn = r.runs().stream().mapToDouble(InverseScalingResult.Run::params).toArray();
    XYSeries t = Charts.points(c, "task, each seed", rn, r.runs().stream().mapToDouble(InverseScalingResult.Run::task).toArray());
    t.setMarkerColor(new Color(0xd6, 0x27, 0x28, 90));
    t.setShowInLegend(false);
    XYSeries k = Charts.points(c, "control, each seed", rn, r.runs().stream().mapToDouble(InverseScalingResult.Run::control).toArray());
    k.setMarkerColor(new Color(0x1f, 0x77, 0xb4, 90));
    k.setShowInLegend(false);
    XYSeries half = Charts.line(c, "indifferent (0.5)", new double[] {n[0] * 0.8, n[n.length - 1] * 1.25}, new double[] {0.5, 0.5});
    half.setLineColor(GREY);
    half.setLineStyle(new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
    return c;
  }

  private static void addMean(XYChart c, String name, double[] x, double[] y, double[] sd, Color colour) {
    XYSeries s = c.addSeries(name, x, y, sd);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setLineColor(colour);
    s.setMarkerColor(colour);
  }

  /**
   * The measured task and control means against the trends fitted on the {@code k} smallest sizes
   * and extrapolated (dashed): what a scaling law fitted on the small models predicted.
   */
  public static XYChart extrapolation(InverseScalingResult r, int k) {
    XYChart c = Charts.linear("Trend of the " + k + " smallest models, extrapolated (dashed)", "non-embedding parameters N",
        "score");
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(1.0);
    var task = r.extrapolateTask(k);
    var control = r.extrapolateControl(k);
    double[] n = task.params();
    double[] grid = Charts.logSpace(n[0], n[n.length - 1], 60);
    addFit(c, "task trend", grid, Arrays.stream(grid).map(task::at).toArray(), TASK);
    addFit(c, "control trend", grid, Arrays.stream(grid).map(control::at).toArray(), CONTROL);
    Charts.points(c, "task", n, task.observed()).setMarkerColor(TASK);
    Charts.points(c, "control", n, control.observed()).setMarkerColor(CONTROL);
    return c;
  }

  private static void addFit(XYChart c, String name, double[] x, double[] y, Color colour) {
    XYSeries s = Charts.line(c, name, x, y);
    s.setLineColor(colour);
    s.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
  }

  /** The published outcomes: how many of the 11 prize tasks Wei et al. 2023 found inverse, U-shaped and positive. */
  public static CategoryChart publishedOutcomes(InverseScalingTasks tasks) {
    CategoryChart c = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
        .title("Inverse Scaling Prize tasks scaled to PaLM 540B (Wei et al. 2023)").xAxisTitle("trend up to 540B")
        .yAxisTitle("tasks").build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setPlotBackgroundColor(Color.WHITE);
    c.getStyler().setLegendVisible(false);
    c.getStyler().setPlotGridLinesColor(new Color(230, 230, 230));
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    List<String> outcomes = List.of("inverse", "U-shaped", "positive");
    c.addSeries("tasks", outcomes, outcomes.stream().map(o -> (Number) tasks.weiCount(o)).toList());
    return c;
  }
}
