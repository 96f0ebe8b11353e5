package org.scalinglab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.scalinglab.demo.LikelihoodMixture;
import java.util.List;
import org.scalinglab.law.HenighanLaw;
import org.scalinglab.law.HenighanLaws;
import org.scalinglab.law.OffsetPowerLaw;

/**
 * Figures of notebook 10 (beyond language): the reducible loss of Henighan et al.'s (2020) compute
 * laws per domain, the compute-optimal tokens per parameter of each domain relative to language, a
 * model family's learning curve flattening at the family's own asymptote above the data's entropy,
 * and the likelihood gap of a 1%-good mixture against its ln 100 ceiling.
 */
public final class BeyondLanguageCharts {
  private static final BasicStroke DASHED =
      new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

  private BeyondLanguageCharts() {}

  /**
   * Cross-entropy of a model family against training tokens (log x), its fitted offset power law,
   * the family's exact floor and the data's entropy rate (horizontal lines).
   */
  public static XYChart familyAsymptote(String family, double[] tokens, double[] crossEntropy, OffsetPowerLaw fit,
      double familyFloor, double entropyRate) {
    XYChart c = Charts.linear("A model family's own asymptote: " + family, "training tokens D", "cross-entropy (nats/token)");
    c.getStyler().setXAxisLogarithmic(true);
    double lo = tokens[0], hi = tokens[tokens.length - 1] * 10;
    double[] x = Charts.logSpace(lo, hi, 60);
    Charts.points(c, family + " (exact cross-entropy)", tokens, crossEntropy).setMarkerColor(new Color(0x1f77b4));
    Charts.line(c, String.format(java.util.Locale.ROOT, "fit E + aD^-α, E = %.3f", fit.e()), x, fit.values(x)).setLineColor(new Color(0x1f77b4));
    Charts.line(c, String.format(java.util.Locale.ROOT, "family floor %.3f", familyFloor), new double[] {lo, hi}, new double[] {familyFloor, familyFloor})
        .setLineColor(new Color(0xd62728));
    var h = Charts.line(c, String.format(java.util.Locale.ROOT, "entropy rate H = %.3f", entropyRate), new double[] {lo, hi}, new double[] {entropyRate, entropyRate});
    h.setLineColor(Color.BLACK);
    h.setLineStyle(DASHED);
    return Charts.tidyLegend(c);
  }

  /**
   * The expected log-likelihood gap E_p[ln p − ln p_M] per sequence against its length T: exact
   * where enumerated, its lower bound at every T, and the ceiling ln(1/w).
   */
  public static XYChart likelihoodGap(LikelihoodMixture m, int[] exactLengths, int maxLength) {
    XYChart c = Charts.linear(String.format(java.util.Locale.ROOT, "Log-likelihood cost of %.0f%% good samples", 100 * m.weight()),
        "sequence length T (tokens)", "nats per sequence");
    double[] t = new double[maxLength], lo = new double[maxLength], top = new double[maxLength];
    for (int i = 0; i < maxLength; i++) {
      t[i] = i + 1;
      lo[i] = m.gapLowerBound(i + 1);
      top[i] = m.maxGap();
    }
    var ceiling = Charts.line(c, String.format(java.util.Locale.ROOT, "ln(1/w) = %.3f", m.maxGap()), t, top);
    ceiling.setLineColor(new Color(0xd62728));
    ceiling.setLineStyle(DASHED);
    Charts.line(c, "lower bound (Jensen)", t, lo).setLineColor(new Color(0x7f7f7f));
    double[] xe = new double[exactLengths.length], ye = new double[exactLengths.length];
    for (int i = 0; i < xe.length; i++) {
      xe[i] = exactLengths[i];
      ye[i] = m.gap(exactLengths[i]);
    }
    Charts.points(c, "exact gap (all sequences enumerated)", xe, ye).setMarkerColor(new Color(0x1f77b4));
    return Charts.tidyLegend(c);
  }

  /**
   * The reducible loss (C₀/C)^α of each row's compute law against C (PF-days), log–log: straight lines
   * of slope −α (the paper's Figure 1, per token instead of per image). Each line is drawn only over
   * [cLo, cHi].
   */
  public static XYChart reducibleLossVsCompute(List<HenighanLaw> rows, double cLo, double cHi) {
    XYChart c = Charts.logLog("Reducible loss vs compute (Henighan et al. 2020, Table 1)", "compute C (PF-days)",
        "L(C) − L∞ (nats/token)");
    double[] x = Charts.logSpace(cLo, cHi, 40);
    for (HenighanLaw r : rows) {
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) y[i] = r.reducible(x[i]);
      Charts.line(c, String.format(java.util.Locale.ROOT, "%s (α=%.2f)", r.domain(), r.computeExponent()), x, y);
    }
    return Charts.tidyLegend(c);
  }

  /**
   * Compute-optimal tokens per parameter of each row divided by language's, against C (PF-days), from
   * the rows' N_opt(C) (E/N = C/(6N²)); horizontal lines mark 10× and 20×.
   */
  public static XYChart tokensPerParameterVsLanguage(List<HenighanLaw> rows, double cLo, double cHi) {
    XYChart c = Charts.logLog("Compute-optimal tokens per parameter, relative to language", "compute C (PF-days)",
        "(E/N) / (E/N of language)");
    double[] x = Charts.logSpace(cLo, cHi, 40);
    for (HenighanLaw r : rows) {
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) y[i] = HenighanLaws.tokensPerParameterVsLanguage(r, x[i]);
      Charts.line(c, String.format(java.util.Locale.ROOT, "%s (β=%.2f)", r.domain(), r.optimalExponent()), x, y);
    }
    for (double level : new double[] {10, 20}) {
      var s = Charts.line(c, String.format(java.util.Locale.ROOT, "%.0f×", level), new double[] {cLo, cHi}, new double[] {level, level});
      s.setLineColor(Color.GRAY);
      s.setLineStyle(DASHED);
    }
    return Charts.tidyLegend(c);
  }
}
