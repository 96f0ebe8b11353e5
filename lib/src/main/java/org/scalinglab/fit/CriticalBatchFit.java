package org.scalinglab.fit;

import java.util.Locale;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.scalinglab.error.FitFailedException;

/**
 * The steps–examples trade-off of McCandlish et al. 2018 ("An empirical model of large-batch
 * training", Section 2.3), fitted to the steps S needed to reach one target loss at several batch
 * sizes B: S = S_min·(1 + B_noise/B) and E = B·S = E_min·(1 + B/B_noise), equivalently
 * (S/S_min − 1)(E/E_min − 1) = 1 (Kaplan et al. 2020, Eq. 5.4). Since S = S_min + E_min/B is
 * linear in 1/B, the pair (S_min, E_min) is a least-squares fit of S against 1/B with relative
 * errors (each row divided by its S); the critical batch is B_crit = E_min/S_min (= B_noise), the
 * batch at which training takes twice the minimum steps and twice the minimum examples.
 *
 * @param minSteps S_min (steps at an infinite batch)
 * @param minExamples E_min (examples — in the batch's unit — at a vanishing batch)
 * @param criticalBatch B_crit = E_min / S_min (same unit as the batches)
 * @param n batch sizes fitted
 */
public record CriticalBatchFit(double minSteps, double minExamples, double criticalBatch, int n) {

  /** Fits S = S_min + E_min/B to batches and steps (at least 3 batch sizes, all positive and finite). */
  public static CriticalBatchFit fit(double[] batch, double[] steps) {
    if (batch.length != steps.length) throw new IllegalArgumentException("batches and steps differ in length: " + batch.length + " vs " + steps.length);
    if (batch.length < 3) throw new FitFailedException("the critical batch fit needs at least 3 batch sizes, got " + batch.length);
    double[] y = new double[batch.length];
    double[][] x = new double[batch.length][2];
    for (int i = 0; i < batch.length; i++) {
      if (!(batch[i] > 0) || !(steps[i] > 0) || Double.isInfinite(batch[i]) || Double.isInfinite(steps[i])) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "point %d: batch and steps must be positive and finite, got %s, %s", i, batch[i], steps[i]));
      }
      y[i] = 1; // S_i / S_i: relative errors
      x[i][0] = 1 / steps[i];
      x[i][1] = 1 / (batch[i] * steps[i]);
    }
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    ols.setNoIntercept(true);
    ols.newSampleData(y, x);
    double[] b = ols.estimateRegressionParameters();
    if (!(b[0] > 0) || !(b[1] > 0)) {
      throw new FitFailedException(String.format(Locale.ROOT,
          "steps do not fall with batch size as S_min + E_min/B (fitted S_min = %.4g, E_min = %.4g)", b[0], b[1]));
    }
    return new CriticalBatchFit(b[0], b[1], b[1] / b[0], batch.length);
  }

  /** Steps the fit predicts at batch B: S_min·(1 + B_crit/B). */
  public double steps(double batch) {
    return minSteps * (1 + criticalBatch / batch);
  }

  /** Examples the fit predicts at batch B: E_min·(1 + B/B_crit). */
  public double examples(double batch) {
    return minExamples * (1 + batch / criticalBatch);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "S = %.4g·(1 + %.4g/B), E = %.4g·(1 + B/%.4g)", minSteps, criticalBatch, minExamples, criticalBatch);
  }
}
