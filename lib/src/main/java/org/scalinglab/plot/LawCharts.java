package org.scalinglab.plot;

import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.scalinglab.units.PfDays;
import org.scalinglab.data.WordFrequencies;
import org.scalinglab.fit.PowerLawFit;
import org.scalinglab.law.CriticalBatchSize;
import org.scalinglab.law.KaplanAllocation;
import org.scalinglab.law.KaplanLaw;
import org.scalinglab.law.KaplanStepsLaw;
import org.scalinglab.law.OffsetPowerLaw;
import org.scalinglab.law.PowerCurve;
import org.scalinglab.law.PowerLaw;

/**
 * Figures of single laws: power laws on linear and log–log axes, fits, Zipf's law, the irreducible
 * term, and the laws of Kaplan et al. 2020 (arXiv:2001.08361). One method per figure; each returns
 * an XChart chart in the house style of {@link Charts}.
 */
public final class LawCharts {
  private static final int POINTS = 120;

  private LawCharts() {}

  /** L(X) = X^(−α) for each α on log–log axes: straight lines whose slope is −α (lecture 1). */
  public static XYChart powerLaws(double... alphas) {
    XYChart chart = Charts.logLog("Power laws L(X) = X^(−α)", "X (scale)", "L(X)");
    double[] x = Charts.logSpace(1, 1e4, POINTS);
    for (double a : alphas) Charts.line(chart, String.format(Locale.ROOT, "α = %.3g", a), x, new PowerLaw(1, a).values(x));
    return Charts.tidyLegend(chart);
  }

  /** One power curve between lo and hi, on log–log axes when {@code logAxes}, else on linear axes. */
  public static XYChart curve(PowerCurve law, double lo, double hi, boolean logAxes) {
    String title = logAxes ? "The same law on log–log axes" : "A power law on linear axes";
    XYChart chart = logAxes ? Charts.logLog(title, "x", "y") : Charts.linear(title, "x", "y");
    double[] x = Charts.logSpace(lo, hi, POINTS);
    Charts.line(chart, describe(law), x, law.values(x));
    return chart;
  }

  /** Measured points and a fitted power law on log–log axes. */
  public static XYChart fit(String title, double[] x, double[] y, PowerLawFit fit) {
    XYChart chart = Charts.logLog(title, "x", "y");
    Charts.points(chart, "data", x, y);
    double lo = java.util.Arrays.stream(x).min().orElse(1), hi = java.util.Arrays.stream(x).max().orElse(10);
    double[] xs = Charts.logSpace(lo, hi, POINTS);
    Charts.line(chart, String.format(Locale.ROOT, "fit: α = %.3f ± %.3f", fit.alpha(), fit.alphaStdErr()), xs, fit.law().values(xs));
    return chart;
  }

  /** Zipf's law: word frequency against rank on log–log axes, with the fitted power law. */
  public static XYChart zipf(WordFrequencies words, PowerLawFit fit, int fitFromRank, int fitToRank) {
    XYChart chart = Charts.logLog("Zipf's law: word frequency vs rank", "rank", "relative frequency");
    Charts.points(chart, "words", words.ranks(), words.frequencies()).setMarkerColor(new java.awt.Color(70, 110, 180, 120));
    double[] xs = Charts.logSpace(fitFromRank, fitToRank, POINTS);
    Charts.line(chart, String.format(Locale.ROOT, "fit ranks %d–%d: s = %.3f", fitFromRank, fitToRank, fit.alpha()), xs,
        fit.law().values(xs));
    return chart;
  }

  /**
   * A law with an irreducible term against its pure power-law part, on log–log axes: the pure part
   * is straight, the full curve bends and flattens toward E.
   */
  public static XYChart irreducible(OffsetPowerLaw law, double lo, double hi) {
    XYChart chart = Charts.logLog("Loss flattens toward the irreducible term", "scale x", "loss");
    double[] x = Charts.logSpace(lo, hi, POINTS);
    Charts.line(chart, describe(law), x, law.values(x));
    Charts.line(chart, "reducible part only", x, law.reducible().values(x));
    double[] e = new double[x.length];
    java.util.Arrays.fill(e, law.e());
    Charts.line(chart, String.format(Locale.ROOT, "E = %.3g", law.e()), x, e);
    return chart;
  }

  /** Kaplan et al. 2020, Eq. 1.1: L(N) for N from 10^5 to 10^11 non-embedding parameters. */
  public static XYChart kaplanParams(KaplanLaw law) {
    XYChart chart = Charts.logLog("Kaplan et al. 2020, Eq. 1.1: L(N)", "non-embedding parameters N", "test loss (nats/token)");
    double[] n = Charts.logSpace(1e5, 1e11, POINTS);
    Charts.line(chart, String.format(Locale.ROOT, "(%.2g / N)^%.3f", law.nC(), law.alphaN()), n, law.paramsLaw().values(n));
    return chart;
  }

  /** Kaplan et al. 2020, Eq. 1.2: L(D) for D from 10^7 to 10^12 tokens. */
  public static XYChart kaplanTokens(KaplanLaw law) {
    XYChart chart = Charts.logLog("Kaplan et al. 2020, Eq. 1.2: L(D)", "dataset size D (tokens)", "test loss (nats/token)");
    double[] d = Charts.logSpace(1e7, 1e12, POINTS);
    Charts.line(chart, String.format(Locale.ROOT, "(%.2g / D)^%.3f", law.dC(), law.alphaD()), d, law.tokensLaw().values(d));
    return chart;
  }

  /** Kaplan et al. 2020, Eq. 1.3: the compute-efficient frontier L(C_min), C_min in PF-days. */
  public static XYChart kaplanCompute() {
    XYChart chart = Charts.logLog("Kaplan et al. 2020, Eq. 1.3: L(C_min)", "compute C_min (PF-days)", "test loss (nats/token)");
    double[] c = Charts.logSpace(1e-8, 1e4, POINTS);
    Charts.line(chart, String.format(Locale.ROOT, "(%.2g / C)^%.3f", KaplanLaw.C_C_MIN_PF_DAYS, KaplanLaw.ALPHA_C_MIN), c,
        KaplanLaw.computeLaw().values(c));
    return chart;
  }

  /** Eq. 1.5: loss against tokens D for several model sizes N — each flattens at its own L(N). */
  public static XYChart kaplanJoint(KaplanLaw law, double... modelSizes) {
    XYChart chart = Charts.logLog("Kaplan et al. 2020, Eq. 1.5: L(N, D)", "dataset size D (tokens)", "test loss (nats/token)");
    double[] d = Charts.logSpace(1e7, 1e13, POINTS);
    for (double n : modelSizes) {
      double[] l = new double[d.length];
      for (int i = 0; i < d.length; i++) l[i] = law.loss(n, d[i]);
      Charts.line(chart, String.format(Locale.ROOT, "N = %.0e", n), d, l);
    }
    return Charts.tidyLegend(chart);
  }

  /**
   * Eq. 1.6: loss against optimisation steps for several model sizes. Larger models reach any loss
   * in fewer steps: they are more sample-efficient.
   */
  public static XYChart sampleEfficiency(KaplanStepsLaw law, double... modelSizes) {
    XYChart chart = Charts.logLog("Kaplan et al. 2020, Eq. 1.6: L(N, S_min)", "steps S_min", "test loss (nats/token)");
    double[] s = Charts.logSpace(1e2, 1e6, POINTS);
    for (double n : modelSizes) {
      double[] l = new double[s.length];
      for (int i = 0; i < s.length; i++) l[i] = law.loss(n, s[i]);
      Charts.line(chart, String.format(Locale.ROOT, "N = %.0e", n), s, l);
    }
    return Charts.tidyLegend(chart);
  }

  /** Eq. 1.4: the critical batch size (tokens) against the loss reached. */
  public static XYChart criticalBatch(CriticalBatchSize bcrit) {
    XYChart chart = Charts.logLog("Kaplan et al. 2020, Eq. 1.4: critical batch size", "loss (nats/token)", "B_crit (tokens)");
    double[] l = Charts.logSpace(1.5, 6, POINTS);
    double[] b = new double[l.length];
    for (int i = 0; i < l.length; i++) b[i] = bcrit.tokens(l[i]);
    Charts.line(chart, String.format(Locale.ROOT, "%.1e / L^(1/%.2f)", bcrit.bStar(), bcrit.alphaB()), l, b);
    return chart;
  }

  /** How N, D, B and S grow with a compute multiplier from 1× to 1000× under Kaplan's allocation. */
  public static XYChart allocationGrowth(KaplanAllocation allocation) {
    XYChart chart = Charts.logLog("Kaplan et al. 2020: spending more compute", "compute multiplier", "growth factor");
    double[] f = Charts.logSpace(1, 1000, POINTS);
    double[] n = new double[f.length], d = new double[f.length], b = new double[f.length], s = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      n[i] = allocation.paramsGrowth(f[i]);
      d[i] = allocation.tokensGrowth(f[i]);
      b[i] = allocation.batchGrowth(f[i]);
      s[i] = allocation.stepsGrowth(f[i]);
    }
    Charts.line(chart, String.format(Locale.ROOT, "parameters N ∝ C^%.2f", allocation.nExponent()), f, n);
    Charts.line(chart, String.format(Locale.ROOT, "tokens D ∝ C^%.2f", allocation.tokensExponent()), f, d);
    Charts.line(chart, String.format(Locale.ROOT, "batch B ∝ C^%.2f", allocation.batchExponent()), f, b);
    Charts.line(chart, String.format(Locale.ROOT, "steps S ∝ C^%.2f", allocation.stepsExponent()), f, s);
    return chart;
  }

  /** Kaplan's optimal model size against compute in PF-days (Figure 14, left). */
  public static XYChart kaplanOptimalSize(KaplanAllocation allocation) {
    XYChart chart = Charts.logLog("Kaplan et al. 2020: optimal model size vs compute", "compute (PF-days)", "N_opt (non-embedding)");
    double[] c = Charts.logSpace(1e-8, 1e4, POINTS);
    double[] n = new double[c.length];
    for (int i = 0; i < c.length; i++) n[i] = allocation.optimalParams(PfDays.toFlops(c[i]));
    Charts.line(chart, String.format(Locale.ROOT, "%.2g · C^%.2f", allocation.nCoefficient(), allocation.nExponent()), c, n);
    return chart;
  }

  private static String describe(PowerCurve law) {
    if (law instanceof PowerLaw p) return String.format(Locale.ROOT, "%.3g · x^(−%.3g)", p.a(), p.alpha());
    if (law instanceof OffsetPowerLaw o) return String.format(Locale.ROOT, "%.3g + %.3g · x^(−%.3g)", o.e(), o.a(), o.alpha());
    return law.toString();
  }
}
