package org.scalinglab.plot;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.scalinglab.sweep.LedgerRecord;
import org.scalinglab.sweep.SweepAnalysis;

/** Figures of a training sweep: loss curves against compute, IsoFLOP valleys, the held-out prediction. */
public final class TrainCharts {
  /** One colour per model (loss curves) or per budget (valleys), so fits and points match. */
  private static final java.awt.Color[] PALETTE = {
      new java.awt.Color(0x1f77b4), new java.awt.Color(0xd62728), new java.awt.Color(0x2ca02c), new java.awt.Color(0x9467bd),
      new java.awt.Color(0xff7f0e), new java.awt.Color(0x8c564b), new java.awt.Color(0xe377c2), new java.awt.Color(0x7f7f7f)};

  private TrainCharts() {}

  private static java.awt.Color colour(int i) {
    return PALETTE[i % PALETTE.length];
  }

  /**
   * Held-out loss against training compute (6ND) for every run, one line per run, grouped by model:
   * the "L-shaped" curves of Kaplan et al. 2020 (Figure 2) and Hoffmann et al. 2022 (Figure 2, left),
   * whose lower envelope is the compute-efficient frontier.
   */
  public static XYChart lossCurves(List<LedgerRecord> records) {
    XYChart c = Charts.logLog("Loss curves of every run", "training compute C = 6ND (FLOPs)", "held-out loss (nats/token)");
    c.getStyler().setYAxisLogarithmic(false); // losses span less than a factor of 2: linear ticks read better
    Map<String, List<LedgerRecord>> byModel = new TreeMap<>(records.stream().filter(r -> !r.holdout())
        .collect(Collectors.groupingBy(r -> String.format("d=%03d", r.dModel()))));
    int k = 0;
    for (var e : byModel.entrySet()) {
      boolean first = true;
      for (LedgerRecord r : e.getValue()) {
        String model = e.getKey();
        var s = Charts.line(c, first ? model + " (N=" + r.nonEmbeddingParams() + ")" : model + " " + r.id(), r.curveCompute(), r.curveEvalLoss());
        s.setLineColor(colour(k));
        if (!first) s.setShowInLegend(false);
        first = false;
      }
      k++;
    }
    return Charts.tidyLegend(c);
  }

  /**
   * Final held-out loss against non-embedding parameters, one series per compute budget: the
   * IsoFLOP valleys of Hoffmann et al. 2022 (Figure 3, left), with the Approach-2 parabola of each
   * budget when the analysis has one.
   */
  public static XYChart isoFlopValleys(List<LedgerRecord> records, SweepAnalysis analysis) {
    XYChart c = Charts.logLog("IsoFLOP valleys", "non-embedding parameters N", "final held-out loss (nats/token)");
    c.getStyler().setYAxisLogarithmic(false);
    Map<Double, List<LedgerRecord>> byBudget = new TreeMap<>(records.stream().filter(r -> !r.holdout())
        .collect(Collectors.groupingBy(LedgerRecord::budget)));
    List<Double> budgets = new java.util.ArrayList<>(byBudget.keySet());
    byBudget.forEach((budget, runs) -> Charts.points(c, String.format("C = %.1e", budget),
        runs.stream().mapToDouble(LedgerRecord::nonEmbeddingParams).toArray(),
        runs.stream().mapToDouble(LedgerRecord::finalEvalLoss).toArray()).setMarkerColor(colour(budgets.indexOf(budget))));
    if (analysis != null && analysis.approach2() != null) {
      for (var p : analysis.approach2().profiles()) {
        int nearest = 0;
        for (int i = 0; i < budgets.size(); i++) {
          if (Math.abs(Math.log(budgets.get(i) / p.budget())) < Math.abs(Math.log(budgets.get(nearest) / p.budget()))) nearest = i;
        }
        double[] n = p.runs().params();
        double lo = java.util.Arrays.stream(n).min().orElse(1), hi = java.util.Arrays.stream(n).max().orElse(2);
        double[] x = Charts.logSpace(lo, hi, 40);
        double[] y = java.util.Arrays.stream(x).map(p::lossAt).toArray();
        var s = Charts.line(c, String.format("fit C = %.1e", p.budget()), x, y);
        s.setLineColor(colour(nearest));
        s.setShowInLegend(false);
      }
    }
    return Charts.tidyLegend(c);
  }

  /**
   * The fitted law's compute-optimal frontier against the measured runs, with the held-out run
   * (measured and predicted).
   */
  public static XYChart holdoutPrediction(List<LedgerRecord> records, SweepAnalysis a) {
    XYChart c = Charts.logLog("Fitted law vs the held-out run", "training compute C = 6ND (FLOPs)", "final held-out loss (nats/token)");
    c.getStyler().setYAxisLogarithmic(false);
    List<LedgerRecord> fit = records.stream().filter(r -> !r.holdout()).toList();
    Charts.points(c, "sweep runs", fit.stream().mapToDouble(LedgerRecord::compute).toArray(),
        fit.stream().mapToDouble(LedgerRecord::finalEvalLoss).toArray());
    if (a.holdout() != null) {
      LedgerRecord h = a.holdout();
      double ch = 6.0 * h.nonEmbeddingParams() * h.tokens();
      Charts.points(c, "held-out: measured", new double[] {ch}, new double[] {h.finalEvalLoss()});
      Charts.points(c, "held-out: predicted", new double[] {ch}, new double[] {a.predictedHoldoutLoss()});
      double lo = fit.stream().mapToDouble(LedgerRecord::compute).min().orElse(ch / 10);
      double[] x = Charts.logSpace(lo, ch * 2, 40);
      var law = a.approach3().law();
      double[] y = java.util.Arrays.stream(x).map(cc -> law.loss(law.optimalParams(cc), law.optimalTokens(cc))).toArray();
      Charts.line(c, "fitted frontier L(N_opt(C), D_opt(C))", x, y);
    }
    return Charts.tidyLegend(c);
  }

  /**
   * Held-out loss against training tokens for several runs on the same data, one line per run,
   * with a horizontal line at {@code floor} (e.g. the language's entropy rate; NaN for none).
   */
  public static XYChart compareCurves(String title, List<org.scalinglab.train.TrainResult> runs, double floor, String floorName) {
    XYChart c = Charts.logLog(title, "training tokens D", "held-out loss (nats/token)");
    c.getStyler().setYAxisLogarithmic(false);
    double lo = Double.POSITIVE_INFINITY, hi = 0;
    int k = 0;
    for (var r : runs) {
      double[] x = r.curve().stream().mapToDouble(org.scalinglab.train.CurvePoint::tokens).toArray();
      double[] y = r.curve().stream().mapToDouble(org.scalinglab.train.CurvePoint::evalLoss).toArray();
      Charts.line(c, r.model() + " (N=" + r.nonEmbeddingParams() + ")", x, y).setLineColor(colour(k++));
      lo = Math.min(lo, x[0]);
      hi = Math.max(hi, x[x.length - 1]);
    }
    if (!Double.isNaN(floor) && hi > 0) {
      Charts.line(c, floorName, new double[] {lo, hi}, new double[] {floor, floor}).setLineColor(java.awt.Color.BLACK);
    }
    return Charts.tidyLegend(c);
  }

  /**
   * Held-out loss at each position of the context window for the two models of an architecture
   * comparison (Kaplan et al. 2020, Figure 7, right), with the best achievable loss at each
   * position when it is known ({@code floorByPosition}, or null).
   */
  public static XYChart lossByPosition(org.scalinglab.train.ArchitectureComparison cmp, double[] floorByPosition) {
    XYChart c = Charts.linear("Loss by position in the context", "position in the context window (tokens seen)", "held-out loss (nats/token)");
    int t = cmp.transformerByPosition().length;
    double[] x = new double[t];
    for (int i = 0; i < t; i++) x[i] = i + 1;
    Charts.line(c, cmp.transformerRun().model(), x, cmp.transformerByPosition()).setLineColor(colour(0));
    Charts.line(c, cmp.lstmRun().model(), x, cmp.lstmByPosition()).setLineColor(colour(1));
    if (floorByPosition != null) Charts.line(c, "best possible", x, floorByPosition).setLineColor(java.awt.Color.BLACK);
    return Charts.tidyLegend(c);
  }
}
