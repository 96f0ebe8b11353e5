package org.scalinglab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.scalinglab.demo.doubledescent.BiasVariance;
import org.scalinglab.demo.doubledescent.DoubleDescent;
import org.scalinglab.demo.doubledescent.DoubleDescentTheory;
import org.scalinglab.demo.doubledescent.RiskCurve;
import org.scalinglab.demo.doubledescent.SingularValueCurve;

/**
 * Figures of double descent (issue 13): simulated risk with its ±1 standard-error band under the
 * exact theory and its proportional limit, the collapse of the smallest singular value, the
 * bias–variance decomposition, and ridge against minimum norm. Risk axes are logarithmic (the peak
 * spans decades) and cut at {@code yMax}; infinite theory values are left as gaps.
 */
public final class DoubleDescentCharts {
  private static final Color SIM = new Color(0x1f77b4), BAND = new Color(0x9ecae1), THEORY = new Color(0xd62728),
      LIMIT = new Color(0x7f7f7f), RIDGE = new Color(0x2ca02c);

  private DoubleDescentCharts() {}

  /**
   * Model-wise double descent: simulated mean excess risk ‖β̂ − β‖² (band: ±1 standard error)
   * against p, the exact finite-(n, p) expectation, and the proportional limit at γ = p/n.
   */
  public static XYChart modelWise(RiskCurve curve, DoubleDescent experiment, int n, double yMax) {
    XYChart c = riskChart(String.format("Model-wise double descent (n = %d, σ = %.2g, r² = %.2g, %d trials)",
        n, experiment.noiseSd(), experiment.signalVar(), curve.trials()), "features p", yMax);
    addSimulation(c, "simulation (mean ± 1 s.e.)", curve, SIM, BAND, yMax);
    addTheory(c, "exact theory E‖β̂−β‖²", curve.sizesAsDoubles(), curve.theory(), THEORY, yMax, false);
    double[] limit = new double[curve.length()];
    int[] p = curve.sizes();
    for (int i = 0; i < p.length; i++) {
      limit[i] = DoubleDescentTheory.ridgeLimitRisk((double) p[i] / n, experiment.ridge() / n,
          experiment.signalVar(), experiment.noiseVar());
    }
    addTheory(c, "proportional limit (γ = p/n)", curve.sizesAsDoubles(), limit, LIMIT, yMax, true);
    return c;
  }

  /** Sample-wise double descent: risk against n at fixed p, with the exact theory. */
  public static XYChart sampleWise(RiskCurve curve, DoubleDescent experiment, int p, double yMax) {
    XYChart c = riskChart(String.format("Sample-wise double descent (p = %d, σ = %.2g, %d trials)",
        p, experiment.noiseSd(), curve.trials()), "training points n", yMax);
    addSimulation(c, "simulation (mean ± 1 s.e.)", curve, SIM, BAND, yMax);
    addTheory(c, "exact theory", curve.sizesAsDoubles(), curve.theory(), THEORY, yMax, false);
    return c;
  }

  /** Minimum norm against ridge (typically at its optimal λ*): the peak disappears. */
  public static XYChart ridge(RiskCurve minNorm, RiskCurve ridged, double lambda, double yMax) {
    XYChart c = riskChart("Ridge at λ* removes the peak", "features p", yMax);
    addSimulation(c, "minimum norm (λ = 0)", minNorm, SIM, BAND, yMax);
    addSimulation(c, String.format("ridge λ = %.3g", lambda), ridged, RIDGE, new Color(0xa1d99b), yMax);
    addTheory(c, "ridge theory (limit)", ridged.sizesAsDoubles(), ridged.theory(), THEORY, yMax, true);
    return c;
  }

  /** Any risk curve without theory, e.g. random features (the x axis is logarithmic). */
  public static XYChart riskCurve(String title, RiskCurve curve, double yMax) {
    XYChart c = riskChart(title, "features p", yMax);
    c.getStyler().setXAxisLogarithmic(true);
    addSimulation(c, "test error (mean ± 1 s.e.)", curve, SIM, BAND, yMax);
    return c;
  }

  /** The smallest non-zero singular value against p, with the edge |√p − √n|. */
  public static XYChart singularValues(SingularValueCurve sv) {
    XYChart c = Charts.linear("Smallest non-zero singular value of X (n = " + sv.n() + ")", "features p", "s_min");
    Charts.points(c, "s_min (mean over trials)", sv.sizesAsDoubles(), sv.mean()).setMarkerColor(SIM);
    Charts.line(c, "|√p − √n| (Marchenko–Pastur edge)", sv.sizesAsDoubles(), sv.edge()).setLineColor(THEORY);
    return c;
  }

  /** Squared bias, variance and their sum against p (log axes). */
  public static XYChart biasVariance(BiasVariance bv, int n) {
    XYChart c = Charts.logLog("Bias–variance by resampling training sets (n = " + n + ", " + bv.resamples() + " sets)",
        "features p", "test error");
    XYSeries b = Charts.line(c, "bias²", bv.sizesAsDoubles(), bv.bias2());
    b.setLineColor(THEORY);
    XYSeries v = Charts.line(c, "variance", bv.sizesAsDoubles(), bv.variance());
    v.setLineColor(SIM);
    XYSeries r = Charts.line(c, "risk = bias² + variance", bv.sizesAsDoubles(), bv.risk());
    r.setLineColor(Color.BLACK);
    r.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
    return c;
  }

  private static XYChart riskChart(String title, String xLabel, double yMax) {
    if (!(yMax > 0)) throw new IllegalArgumentException("yMax must be positive, got " + yMax);
    XYChart c = Charts.linear(title, xLabel, "excess test risk");
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setYAxisMax(yMax);
    return c;
  }

  private static void addSimulation(XYChart c, String name, RiskCurve curve, Color line, Color band, double yMax) {
    double[] x = curve.sizesAsDoubles(), m = curve.mean(), se = curve.stderr();
    double[] lo = new double[m.length], hi = new double[m.length], mid = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      mid[i] = clip(m[i], yMax);
      hi[i] = clip(m[i] + se[i], yMax);
      lo[i] = clip(Math.max(m[i] - se[i], m[i] * 1e-3), yMax);
    }
    for (double[] edge : new double[][] {hi, lo}) {
      XYSeries s = Charts.line(c, name + (edge == hi ? " +s.e." : " −s.e."), x, edge);
      s.setLineColor(band);
      s.setShowInLegend(false);
    }
    Charts.line(c, name, x, mid).setLineColor(line);
  }

  private static void addTheory(XYChart c, String name, double[] x, double[] y, Color color, double yMax, boolean dashed) {
    double[] shown = new double[y.length];
    for (int i = 0; i < y.length; i++) shown[i] = Double.isFinite(y[i]) && y[i] > 0 && y[i] <= yMax ? y[i] : Double.NaN;
    XYSeries s = Charts.line(c, name, x, shown);
    s.setLineColor(color);
    s.setLineStyle(dashed
        ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
        : new BasicStroke(1.5f));
  }

  private static double clip(double v, double yMax) {
    return Math.min(Math.max(v, 1e-12), yMax);
  }
}
