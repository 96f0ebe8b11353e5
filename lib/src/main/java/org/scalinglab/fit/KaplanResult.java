package org.scalinglab.fit;

import org.scalinglab.data.Runs;
import org.scalinglab.law.FitRange;
import org.scalinglab.law.KaplanLaw;

/**
 * The outcome of a Kaplan-form joint fit.
 *
 * @param law the fitted L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D
 * @param objective sum of squared log residuals
 * @param converged whether the best start converged
 * @param runs the runs fitted
 */
public record KaplanResult(KaplanLaw law, double objective, boolean converged, Runs runs) {
  /** The range of N, D and C of the runs fitted. */
  public FitRange range() {
    return FitRange.of(runs.params(), runs.tokens(), runs.compute(), runs.size() + " runs of " + runs.source());
  }
}
