package org.scalinglab.demo.dynamics;

import java.util.List;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.scalinglab.sweep.LedgerRecord;
import org.scalinglab.train.CurvePoint;

/** Statistics over loss curves: the spread of a group of runs, and when a curve first reaches a target loss. */
public final class CurveStats {
  private CurveStats() {}

  /**
   * The sample standard deviation of the held-out loss across {@code runs} at each point of their
   * curves (all runs must have curves of the same length, as runs of one length and settings do).
   */
  public static double[] spread(List<LedgerRecord> runs) {
    int n = runs.get(0).curve().size();
    for (LedgerRecord r : runs) {
      if (r.curve().size() != n) throw new IllegalArgumentException("run " + r.id() + " has " + r.curve().size() + " curve points, not " + n);
    }
    double[] out = new double[n];
    StandardDeviation sd = new StandardDeviation(true);
    for (int i = 0; i < n; i++) {
      final int k = i;
      out[i] = sd.evaluate(runs.stream().mapToDouble(r -> r.curve().get(k).evalLoss()).toArray());
    }
    return out;
  }

  /** The sample standard deviation of the final held-out losses of {@code runs}. */
  public static double finalSpread(List<LedgerRecord> runs) {
    return new StandardDeviation(true).evaluate(runs.stream().mapToDouble(LedgerRecord::finalEvalLoss).toArray());
  }

  /** The mean of the final held-out losses of {@code runs}. */
  public static double finalMean(List<LedgerRecord> runs) {
    return runs.stream().mapToDouble(LedgerRecord::finalEvalLoss).average().orElseThrow();
  }

  /** Curve x values: tokens seen at each point. */
  public static double[] tokens(LedgerRecord r) {
    return r.curve().stream().mapToDouble(CurvePoint::tokens).toArray();
  }

  /**
   * The first (fractional) step at which the held-out loss reaches {@code target}, interpolating
   * linearly in log(steps) between the two measurements around the crossing (from step 0 at the
   * first point is not allowed: the loss before training is not measured); NaN if it never does.
   */
  public static double stepsToReach(List<CurvePoint> curve, double target) {
    for (int i = 0; i < curve.size(); i++) {
      CurvePoint p = curve.get(i);
      if (p.evalLoss() <= target) {
        if (i == 0) return p.step();
        CurvePoint q = curve.get(i - 1);
        double f = (q.evalLoss() - target) / (q.evalLoss() - p.evalLoss());
        return Math.exp(Math.log(q.step()) + f * (Math.log(p.step()) - Math.log(q.step())));
      }
    }
    return Double.NaN;
  }
}
