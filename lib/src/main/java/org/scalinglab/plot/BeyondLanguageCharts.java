package org.scalinglab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.scalinglab.demo.LikelihoodMixture;
import org.scalinglab.law.OffsetPowerLaw;

/**
 * Figures of notebook 10 (beyond language): a model family's learning curve flattening at the
 * family's own asymptote above the data's entropy, and the likelihood gap of a 1%-good mixture
 * against its ln 100 ceiling.
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
}
