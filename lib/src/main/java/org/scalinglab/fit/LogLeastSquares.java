package org.scalinglab.fit;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.ArrayRealVector;

/**
 * Multi-start nonlinear least squares with Commons Math's {@link LevenbergMarquardtOptimizer}: the
 * shared engine of the Kaplan-style fits, which minimise the sum of squared log-space residuals.
 * Keeps the start with the smallest cost; starts where the optimiser fails are skipped.
 */
final class LogLeastSquares {
  private LogLeastSquares() {}

  /** The best solution over the starts. */
  record Solution(double[] point, double cost, boolean converged) {}

  static Solution solve(MultivariateJacobianFunction model, double[] target, double[][] starts) {
    LevenbergMarquardtOptimizer lm = new LevenbergMarquardtOptimizer();
    Solution best = null;
    for (double[] start : starts) {
      try {
        LeastSquaresOptimizer.Optimum o = lm.optimize(new LeastSquaresBuilder().model(model)
            .target(new ArrayRealVector(target, false)).start(start).maxEvaluations(20_000).maxIterations(20_000)
            .lazyEvaluation(false).build());
        double cost = o.getCost() * o.getCost(); // getCost() is the root of the sum of squares
        if (Double.isFinite(cost) && (best == null || cost < best.cost())) {
          best = new Solution(o.getPoint().toArray(), cost, true);
        }
      } catch (MathIllegalStateException | IllegalArgumentException ex) {
        // this start diverged or hit the evaluation limit; the others decide
      }
    }
    return best;
  }
}
