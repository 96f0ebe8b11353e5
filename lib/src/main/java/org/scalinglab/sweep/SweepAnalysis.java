package org.scalinglab.sweep;

import java.util.Locale;
import org.scalinglab.data.Runs;
import org.scalinglab.fit.Approach2Fit;
import org.scalinglab.fit.Approach2Result;
import org.scalinglab.fit.Approach3Fit;
import org.scalinglab.fit.Approach3Result;
import org.scalinglab.fit.ComputeGrouping;

/**
 * Fits a sweep's ledger with Chinchilla's Approaches 2 and 3 (Hoffmann et al. 2022, Sections
 * 3.2–3.3) and predicts the held-out run from the fitted law L(N, D) = E + A/N^α + B/D^β.
 *
 * @param runs the runs fitted (held-out run excluded)
 * @param approach2 IsoFLOP-profile fit (null when too few profiles)
 * @param approach3 parametric fit
 * @param holdout the held-out run (null until it has completed)
 * @param predictedHoldoutLoss Approach 3's prediction for the held-out run (NaN without one)
 */
public record SweepAnalysis(Runs runs, Approach2Result approach2, Approach3Result approach3,
    LedgerRecord holdout, double predictedHoldoutLoss) {

  /** Fits the ledger's runs; budgets are grouped by the preset's nominal budgets (±15%). */
  public static SweepAnalysis of(Ledger ledger, double[] budgets) {
    Runs runs = ledger.runs();
    Approach2Result a2 = null;
    try {
      a2 = Approach2Fit.builder().grouping(ComputeGrouping.nearest(0.15, budgets)).minRunsPerProfile(3).build().fit(runs);
    } catch (RuntimeException e) {
      a2 = null; // fewer than two usable profiles: reported as missing
    }
    Approach3Result a3 = Approach3Fit.builder().build().fit(runs);
    LedgerRecord h = ledger.holdout().orElse(null);
    double pred = h == null ? Double.NaN : a3.law().loss(h.nonEmbeddingParams(), h.tokens());
    return new SweepAnalysis(runs, a2, a3, h, pred);
  }

  /** (predicted − measured) / measured for the held-out run. */
  public double holdoutRelativeError() {
    return holdout == null ? Double.NaN : (predictedHoldoutLoss - holdout.finalEvalLoss()) / holdout.finalEvalLoss();
  }

  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Approach 3: L(N, D) = %.3f + %.4g/N^%.3f + %.4g/D^%.3f;  a = β/(α+β) = %.3f%n",
        approach3.E(), approach3.A(), approach3.alpha(), approach3.B(), approach3.beta(), approach3.paramsExponent()));
    if (approach2 != null) {
      sb.append(String.format(Locale.ROOT, "Approach 2: N_opt ∝ C^%.3f, D_opt ∝ C^%.3f (%d profiles)%n",
          approach2.paramsExponent(), approach2.tokensExponent(), approach2.profiles().size()));
    } else {
      sb.append("Approach 2: not enough IsoFLOP profiles with an interior minimum\n");
    }
    if (holdout != null) {
      sb.append(String.format(Locale.ROOT, "held-out run %s: measured %.4f, predicted %.4f (%+.2f%%)%n",
          holdout.id(), holdout.finalEvalLoss(), predictedHoldoutLoss, 100 * holdoutRelativeError()));
    }
    return sb.toString();
  }
}
