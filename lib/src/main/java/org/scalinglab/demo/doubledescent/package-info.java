/**
 * Double descent (issue 13): test risk of least squares rising to a peak at the interpolation
 * threshold and falling again, simulated and drawn against its exact theory.
 *
 * <ul>
 *   <li>{@link org.scalinglab.demo.doubledescent.DoubleDescentTheory}: the exact finite-(n, p)
 *       expected risk of the minimum-norm estimator with isotropic Gaussian features (Belkin, Hsu &amp;
 *       Xu 2020, Theorem 1), its proportional limit (Hastie et al. 2019, Theorem 1), the optimal
 *       ridge penalty and the ridge limit.</li>
 *   <li>{@link org.scalinglab.demo.doubledescent.DoubleDescent}: the seeded simulation, model-wise
 *       (p sweeps through n) and sample-wise (n sweeps through p), minimum-norm or ridge, giving a
 *       {@link org.scalinglab.demo.doubledescent.RiskCurve}.</li>
 *   <li>{@link org.scalinglab.demo.doubledescent.MinNormRegression}: the SVD estimator itself
 *       (pseudo-inverse, ridge, singular values) for any feature matrix.</li>
 * </ul>
 */
package org.scalinglab.demo.doubledescent;
