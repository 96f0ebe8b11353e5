package org.scalinglab.fit;

import org.scalinglab.units.TrainingCompute;
import org.scalinglab.util.TableFormats;
import java.util.Locale;
import org.scalinglab.data.Runs;
import org.scalinglab.law.ChinchillaLaw;
import org.scalinglab.law.FitRange;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of an Approach-3 fit: the best parameters θ = (a, b, e, α, β) over all starts and
 * how much to trust them.
 *
 * @param logA log A
 * @param logB log B
 * @param logE log E
 * @param alpha α
 * @param beta β
 * @param objective the minimised sum of Huber losses at θ
 * @param converged whether the L-BFGS run that produced θ stopped on a tolerance test (not a limit)
 * @param startsNearBest how many starts ended within the near-best tolerance (relative) of the best
 * @param starts how many starts were run
 * @param evaluations objective evaluations over all starts
 * @param huberDelta the Huber δ used
 * @param runs the runs fitted (after exclusions)
 */
public record Approach3Result(double logA, double logB, double logE, double alpha, double beta, double objective,
    boolean converged, int startsNearBest, int starts, long evaluations, double huberDelta, Runs runs) {

  /** E = e^e, the irreducible loss. */
  public double E() {
    return Math.exp(logE);
  }

  /** A = e^a. */
  public double A() {
    return Math.exp(logA);
  }

  /** B = e^b. */
  public double B() {
    return Math.exp(logB);
  }

  /** θ = (log A, log B, log E, α, β) in the order of {@link HuberLogObjective}. */
  public double[] theta() {
    return new double[] {logA, logB, logE, alpha, beta};
  }

  /** The fitted law L(N, D) = E + A/N^α + B/D^β, usable wherever a published law is. */
  public ChinchillaLaw law() {
    return new ChinchillaLaw(E(), A(), B(), alpha, beta);
  }

  /**
   * The range of N, D and C of the runs fitted: predictions far outside it are extrapolations
   * ({@link FitRange#warnings}).
   */
  public FitRange range() {
    return FitRange.of(runs.params(), runs.tokens(), runs.compute(), runs.size() + " runs of " + runs.source());
  }

  /**
   * The fitted law's loss at N parameters and D tokens; when (N, D, C = 6ND) lies more than 100×
   * outside the fitted range, each such quantity is reported as a warning on standard error (so a
   * notebook cell shows it under its result).
   */
  public double predictLoss(double n, double d) {
    Extrapolation.warn(range().warnings(n, d, TrainingCompute.flops(n, d)));
    return law().loss(n, d);
  }

  /** The compute-optimal N*(C) of the fitted law (Hoffmann et al. 2022, Eq. 4), with a warning far outside the range. */
  public double optimalParams(double compute) {
    double n = law().optimalParams(compute);
    Extrapolation.warn(range().warnings(n, TrainingCompute.tokens(compute, n), compute));
    return n;
  }

  /** Exponent of N*(C) ∝ C^a, i.e. β/(α+β) (Hoffmann et al. 2022, Eq. 4). */
  public double paramsExponent() {
    return law().paramsExponent();
  }

  /** Exponent of D*(C) ∝ C^b, i.e. α/(α+β). */
  public double tokensExponent() {
    return law().tokensExponent();
  }

  /** The fitted constants and exponents as a two-column table, titled with the fit's diagnostics. */
  public Table toTable() {
    StringColumn name = StringColumn.create("parameter", "E", "A", "B", "alpha", "beta", "a = β/(α+β)", "b = α/(α+β)");
    DoubleColumn value = TableFormats.significant(DoubleColumn.create("estimate",
        E(), A(), B(), alpha, beta, paramsExponent(), tokensExponent()), 5);
    return Table.create(String.format(Locale.ROOT, "Approach 3: %d runs, objective %.6g, %s, %d/%d starts within 1e-6 of the best",
        runs.size(), objective, converged ? "converged" : "NOT converged", startsNearBest, starts), name, value);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "Approach3Result[E=%.4f, A=%.2f, B=%.2f, alpha=%.4f, beta=%.4f, objective=%.6g, converged=%s, %d/%d starts near best, %d runs]",
        E(), A(), B(), alpha, beta, objective, converged, startsNearBest, starts, runs.size());
  }
}
