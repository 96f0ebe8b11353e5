package org.scalinglab.plot;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scalinglab.data.Run;
import org.scalinglab.data.Runs;
import org.scalinglab.fit.Approach2Result;
import org.scalinglab.fit.BootstrapResult;
import org.scalinglab.fit.IsoFlopProfile;
import org.scalinglab.law.ChinchillaLaw;
import org.scalinglab.law.ScalingLaw;

/**
 * Figures of fits to runs: residuals of a law against the data, IsoFLOP profiles (Approach 2),
 * compute-optimal frontiers, bootstrap distributions. One method per figure, each returning an
 * XChart chart in the house style of {@link Charts}.
 */
public final class FitCharts {
  private static final int POINTS = 100;

  private FitCharts() {}

  /**
   * Log-space residuals log L̂ − log L of one or more laws against the runs, by compute: a good fit
   * scatters around zero at every scale; a biased one drifts (Besiroglu et al. 2024, Figure 2).
   */
  public static XYChart residuals(String title, Runs runs, ScalingLaw... laws) {
    XYChart chart = Charts.linear(title, "training compute C (FLOPs)", "log L̂ − log L");
    chart.getStyler().setXAxisLogarithmic(true);
    double[] c = runs.compute();
    for (ScalingLaw law : laws) {
      double[] r = new double[runs.size()];
      for (int i = 0; i < r.length; i++) {
        Run run = runs.get(i);
        r[i] = Math.log(law.loss(run.params(), run.tokens())) - Math.log(run.loss());
      }
      double mean = Arrays.stream(r).average().orElse(0);
      Charts.points(chart, unique(chart, String.format(Locale.ROOT, "%s (mean %+.4f)", shortName(law), mean)), c, r);
    }
    double lo = Arrays.stream(c).min().orElse(1), hi = Arrays.stream(c).max().orElse(10);
    XYSeries zero = Charts.line(chart, "zero", new double[] {lo, hi}, new double[] {0, 0});
    zero.setLineColor(Color.GRAY);
    zero.setShowInLegend(false);
    return Charts.tidyLegend(chart);
  }

  /** Observed against predicted loss, with the diagonal: points on the line are predicted exactly. */
  public static XYChart predictedVsObserved(String title, Runs runs, ScalingLaw law) {
    XYChart chart = Charts.linear(title, "observed loss", "predicted loss");
    double[] obs = runs.loss(), pred = new double[runs.size()];
    for (int i = 0; i < pred.length; i++) pred[i] = law.loss(runs.get(i).params(), runs.get(i).tokens());
    Charts.points(chart, shortName(law), obs, pred);
    double lo = Math.min(Arrays.stream(obs).min().orElse(0), Arrays.stream(pred).min().orElse(0));
    double hi = Math.max(Arrays.stream(obs).max().orElse(1), Arrays.stream(pred).max().orElse(1));
    Charts.line(chart, "predicted = observed", new double[] {lo, hi}, new double[] {lo, hi}).setLineColor(Color.GRAY);
    return chart;
  }

  /**
   * Approach 2: each IsoFLOP profile's runs (loss against N) with its fitted parabola and its
   * minimum (Hoffmann et al. 2022, Figure 3, left).
   */
  public static XYChart isoFlopProfiles(Approach2Result result) {
    XYChart chart = Charts.linear("IsoFLOP profiles (Approach 2)", "parameters N", "final loss");
    chart.getStyler().setXAxisLogarithmic(true);
    List<IsoFlopProfile> ps = result.profiles();
    double[] minN = new double[ps.size()], minL = new double[ps.size()];
    for (int k = 0; k < ps.size(); k++) {
      IsoFlopProfile p = ps.get(k);
      Color color = shade(k, ps.size());
      XYSeries s = Charts.points(chart, String.format(Locale.ROOT, "C = %.2g", p.budget()), p.runs().params(), p.runs().loss());
      s.setMarkerColor(color);
      double lo = Arrays.stream(p.runs().params()).min().orElseThrow(), hi = Arrays.stream(p.runs().params()).max().orElseThrow();
      double[] n = Charts.logSpace(lo, hi * 1.0000001, POINTS), l = new double[POINTS];
      for (int i = 0; i < POINTS; i++) l[i] = p.lossAt(n[i]);
      XYSeries curve = Charts.line(chart, String.format(Locale.ROOT, "parabola %d", k + 1), n, l);
      curve.setLineColor(color);
      curve.setShowInLegend(false);
      minN[k] = p.optimalParams();
      minL[k] = p.minimumLoss();
    }
    XYSeries m = Charts.points(chart, "minimum N_opt(C)", minN, minL);
    m.setMarker(SeriesMarkers.DIAMOND);
    m.setMarkerColor(Color.BLACK);
    return Charts.tidyLegend(chart);
  }

  /**
   * The compute-optimal model size N_opt against compute: Approach-2 minima with their power-law
   * fit, and the closed-form frontier of each given Chinchilla-form law (Hoffmann et al. 2022, Eq. 4).
   */
  public static XYChart frontier(String title, Approach2Result approach2, double cLo, double cHi, ChinchillaLaw... laws) {
    XYChart chart = Charts.logLog(title, "training compute C (FLOPs)", "compute-optimal parameters N_opt");
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
    double[] c = Charts.logSpace(cLo, cHi, POINTS);
    if (approach2 != null) {
      double[] pc = approach2.profiles().stream().mapToDouble(IsoFlopProfile::budget).toArray();
      double[] pn = approach2.profiles().stream().mapToDouble(IsoFlopProfile::optimalParams).toArray();
      Charts.points(chart, "IsoFLOP minima", pc, pn);
      double[] n = new double[POINTS];
      for (int i = 0; i < POINTS; i++) n[i] = approach2.optimalParams(c[i]);
      Charts.line(chart, String.format(Locale.ROOT, "Approach 2: a = %.3f", approach2.paramsExponent()), c, n);
    }
    for (ChinchillaLaw law : laws) {
      double[] n = new double[POINTS];
      for (int i = 0; i < POINTS; i++) n[i] = law.optimalParams(c[i]);
      Charts.line(chart, unique(chart, String.format(Locale.ROOT, "%s: a = %.3f", shortName(law), law.paramsExponent())), c, n);
    }
    return Charts.tidyLegend(chart);
  }

  /**
   * Approach 1: the loss curves against compute (log–log) and their lower envelope, where each
   * FLOP count is reached at the lowest loss by some model size (Hoffmann et al. 2022, Figure 2).
   */
  public static XYChart envelope(java.util.List<org.scalinglab.data.LossCurve> curves, org.scalinglab.fit.Approach1Result result) {
    XYChart chart = Charts.linear("Training curves and their envelope (Approach 1)", "training compute C (FLOPs)", "loss");
    chart.getStyler().setXAxisLogarithmic(true);
    for (int k = 0; k < curves.size(); k++) {
      var c = curves.get(k);
      XYSeries s = Charts.line(chart, String.format(Locale.ROOT, "N = %.2g", c.params()), c.compute(), c.loss());
      s.setLineColor(shade(k, curves.size()));
      s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.SOLID);
      s.setShowInLegend(k == 0 || k == curves.size() - 1);
    }
    XYSeries env = Charts.line(chart, "envelope", result.compute(), result.envelopeLoss());
    env.setLineColor(Color.BLACK);
    env.setLineWidth(3f);
    return Charts.tidyLegend(chart);
  }

  /** Histogram of one bootstrap quantity with its interval marked. */
  public static XYChart bootstrapHistogram(BootstrapResult result, BootstrapResult.Quantity q, int bins) {
    double[] v = result.samples(q);
    XYChart chart = Charts.linear(String.format(Locale.ROOT, "Bootstrap distribution of %s (%d resamples)", q.label(),
        result.resamples()), q.label(), "resamples");
    if (v.length == 0) return chart;
    double lo = Arrays.stream(v).min().orElseThrow(), hi = Arrays.stream(v).max().orElseThrow();
    double w = (hi - lo) / bins;
    if (!(w > 0)) w = Math.max(Math.abs(lo) * 1e-6, 1e-12);
    double[] x = new double[bins], y = new double[bins];
    for (int b = 0; b < bins; b++) x[b] = lo + (b + 0.5) * w;
    for (double s : v) y[Math.min(bins - 1, (int) ((s - lo) / w))]++;
    XYSeries bars = Charts.line(chart, "resamples", x, y);
    bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    double top = Arrays.stream(y).max().orElse(1);
    var ci = result.interval(q);
    Charts.line(chart, String.format(Locale.ROOT, "%.0f%% interval", 100 * ci.level()), new double[] {ci.lower(), ci.lower()},
        new double[] {0, top}).setLineColor(Color.RED);
    Charts.line(chart, "upper", new double[] {ci.upper(), ci.upper()}, new double[] {0, top}).setLineColor(Color.RED);
    chart.getSeriesMap().get("upper").setShowInLegend(false);
    Charts.line(chart, "full-data estimate", new double[] {ci.estimate(), ci.estimate()}, new double[] {0, top})
        .setLineColor(Color.BLACK);
    return chart;
  }

  /** A legend-sized name: the published laws by author, any other Chinchilla-form law as "fit". */
  private static String shortName(ScalingLaw law) {
    if (law.equals(ChinchillaLaw.HOFFMANN_2022)) return "Hoffmann 2022 (printed)";
    if (law.equals(org.scalinglab.fit.PublishedFits.HOFFMANN_2022_TEX)) return "Hoffmann 2022 (TeX)";
    if (law.equals(org.scalinglab.fit.PublishedFits.BESIROGLU_2024)) return "Besiroglu 2024";
    if (law instanceof ChinchillaLaw) return "fit";
    return law.name();
  }

  /** The name, or the name with a number when the chart already has a series of that name. */
  private static String unique(XYChart chart, String name) {
    String n = name;
    for (int k = 2; chart.getSeriesMap().containsKey(n); k++) n = name + " #" + k;
    return n;
  }

  private static Color shade(int k, int n) {
    float t = n <= 1 ? 0f : (float) k / (n - 1);
    return Color.getHSBColor(0.62f - 0.62f * t, 0.75f, 0.85f);
  }
}
