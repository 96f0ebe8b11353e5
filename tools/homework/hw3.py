from nbbuild import md, code, write, ROOT
import os

cells = [
md("""# Homework 3 · Double descent and ridge

Lecture 3's puzzle: a model with **as many parameters as training points** can do far worse than a
smaller one *and* a larger one — the test risk rises to a peak at p = n and falls again (Belkin et al.
2019; Nakkiran et al. 2021). You will reproduce the peak with least squares, explain it with singular
values, and remove it with the optimal ridge penalty (Hastie et al. 2022, "Surprises in
high-dimensional ridgeless least squares interpolation").

The model: n = 40 training points x ~ N(0, I_p), y = x·β + ε with ‖β‖² = r² = 1 and noise ε ~ N(0, σ²),
σ = 0.5. For isotropic x the excess test risk of an estimate β̂ is E‖β̂ − β‖². Complete the methods
where it says `// YOUR CODE HERE`; hidden tests call them on other sizes. Commons Math is on the class
path (`SingularValueDecomposition`, `Array2DRowRealMatrix`). Grade yourself with
`./scalinglab grade hw3-double-descent.ipynb`."""),
code("""import java.util.*;
import org.apache.commons.math3.linear.*;
import org.scalinglab.demo.doubledescent.*;
int N = 40;
double SIGNAL_VAR = 1.0, NOISE_SD = 0.5, NOISE_VAR = NOISE_SD * NOISE_SD;

/** An n×p matrix of independent N(0, 1) entries. */
double[][] gaussianMatrix(int n, int p, Random rng) {
  double[][] x = new double[n][p];
  for (double[] row : x) for (int j = 0; j < p; j++) row[j] = rng.nextGaussian();
  return x;
}
"given: N, SIGNAL_VAR, NOISE_SD, gaussianMatrix(n, p, rng)\""""),
md("""## Q1 · Minimum-norm least squares and ridge (3 points)

With the SVD X = U·S·Vᵀ, ridge regression β̂_λ = (XᵀX + λI)⁻¹Xᵀy is Σᵢ vᵢ · sᵢ/(sᵢ² + λ) · (uᵢᵀy). At
λ = 0 this is the **minimum-norm** least-squares solution X⁺y — skip the singular values that are
numerically zero (sᵢ ≤ max(n, p)·s_max·2⁻⁵², NumPy's `pinv` rule), which exist when p > n. Gradient
descent from zero converges to this solution, which is why it is the one that matters."""),
code("""double[] ridgeFit(double[][] x, double[] y, double lambda) {
  // BEGIN SOLUTION
  var svd = new SingularValueDecomposition(new Array2DRowRealMatrix(x, false));
  double[] s = svd.getSingularValues();
  RealMatrix u = svd.getU(), v = svd.getV();
  double tol = Math.max(x.length, x[0].length) * s[0] * Math.ulp(1.0);
  double[] beta = new double[x[0].length];
  for (int i = 0; i < s.length; i++) {
    if (lambda == 0 && !(s[i] > tol)) continue;
    double uy = 0;
    for (int r = 0; r < x.length; r++) uy += u.getEntry(r, i) * y[r];
    double f = s[i] / (s[i] * s[i] + lambda) * uy;
    for (int j = 0; j < beta.length; j++) beta[j] += f * v.getEntry(j, i);
  }
  return beta;
  // END SOLUTION
  // BEGIN STUB
  // return new double[x[0].length];
  // END STUB
}""", question="q1", points=3, title="Min-norm least squares and ridge"),
code("""var rng1 = new Random(1);
for (int p : new int[] {10, 40, 90}) {
  double[][] x = gaussianMatrix(N, p, rng1);
  double[] y = new double[N];
  for (int i = 0; i < N; i++) y[i] = rng1.nextGaussian();
  for (double lambda : new double[] {0, 2.5}) {
    double[] mine = ridgeFit(x, y, lambda), ref = MinNormRegression.ridge(x, y, lambda);
    double diff = 0;
    for (int j = 0; j < p; j++) diff = Math.max(diff, Math.abs(mine[j] - ref[j]));
    check("ridge p = " + p + ", λ = " + lambda + ": largest difference from the library", 0, diff, 1e-8);
  }
}""", tests="q1"),
code("""var rngH = new Random(99);
double[][] xh = gaussianMatrix(25, 60, rngH);
double[] yh = new double[25];
for (int i = 0; i < 25; i++) yh[i] = rngH.nextGaussian();
double[] bh = ridgeFit(xh, yh, 0);
double[] fitted = MinNormRegression.predict(xh, bh);
double resid = 0;
for (int i = 0; i < 25; i++) resid = Math.max(resid, Math.abs(fitted[i] - yh[i]));
check("p > n: the min-norm solution interpolates the training data", 0, resid, 1e-8);
double norm = 0, normRef = 0, rf[] = MinNormRegression.fit(xh, yh);
for (int j = 0; j < 60; j++) { norm += bh[j] * bh[j]; normRef += rf[j] * rf[j]; }
checkRel("... with the smallest norm of all interpolators", normRef, norm, 1e-8);""", tests="q1", hidden=True),
md("""## Q2 · The test risk, simulated (3 points)

Estimate E‖β̂_λ − β‖² by simulation: in each of `trials` trials draw β uniformly on the sphere of
radius r (a Gaussian vector rescaled to norm r), an n×p Gaussian X, noise, y = Xβ + ε; fit with your
`ridgeFit`; average ‖β̂ − β‖². Use one `new Random(seed)` for everything, so a seed gives one number."""),
code("""double excessRisk(int n, int p, double lambda, int trials, long seed) {
  // BEGIN SOLUTION
  var rng = new Random(seed);
  double sum = 0;
  for (int t = 0; t < trials; t++) {
    double[] beta = new double[p];
    double norm = 0;
    for (int j = 0; j < p; j++) { beta[j] = rng.nextGaussian(); norm += beta[j] * beta[j]; }
    for (int j = 0; j < p; j++) beta[j] *= Math.sqrt(SIGNAL_VAR / norm);
    double[][] x = gaussianMatrix(n, p, rng);
    double[] y = MinNormRegression.predict(x, beta);
    for (int i = 0; i < n; i++) y[i] += NOISE_SD * rng.nextGaussian();
    double[] b = ridgeFit(x, y, lambda);
    for (int j = 0; j < p; j++) sum += (b[j] - beta[j]) * (b[j] - beta[j]);
  }
  return sum / trials;
  // END SOLUTION
  // BEGIN STUB
  // return Double.NaN;
  // END STUB
}""", question="q2", points=3, title="Test risk by simulation"),
code("""int trials = 200;
double r20 = excessRisk(N, 20, 0, trials, 1), r38 = excessRisk(N, 38, 0, trials, 2), r40 = excessRisk(N, 40, 0, trials, 3);
double r42 = excessRisk(N, 42, 0, trials, 4), r80 = excessRisk(N, 80, 0, trials, 5);
checkRel("p = 20: risk σ²p/(n − p − 1) (Belkin, Hsu & Xu 2020)", DoubleDescentTheory.minNormRisk(N, 20, SIGNAL_VAR, NOISE_VAR), r20, 0.15);
checkRel("p = 80: risk r²(1 − n/p) + σ²n/(p − n − 1)", DoubleDescentTheory.minNormRisk(N, 80, SIGNAL_VAR, NOISE_VAR), r80, 0.15);
checkTrue("the peak: the risk at p = n is more than 10× the risk at p = n/2 and at p = 2n", r40 > 10 * r20 && r40 > 10 * r80);
checkTrue("it rises into the peak and falls out of it", r38 < r40 && r42 < r40);
System.out.printf("risk at p = 20, 38, 40, 42, 80: %.3f %.3f %.1f %.3f %.3f%n", r20, r38, r40, r42, r80);""", tests="q2"),
code("""checkRel("n = 30, p = 10", DoubleDescentTheory.minNormRisk(30, 10, SIGNAL_VAR, NOISE_VAR), excessRisk(30, 10, 0, 400, 7), 0.15);
checkRel("n = 30, p = 90", DoubleDescentTheory.minNormRisk(30, 90, SIGNAL_VAR, NOISE_VAR), excessRisk(30, 90, 0, 400, 8), 0.15);
checkEquals("a seed gives one number", excessRisk(30, 10, 0, 20, 9), excessRisk(30, 10, 0, 20, 9));""", tests="q2", hidden=True),
md("""## Q3 · Why the peak: the smallest singular value (2 points)

The min-norm solution divides the noise by each singular value: its variance is σ²·E[Σᵢ 1/sᵢ²] over
the non-zero sᵢ. Return that **noise amplification** Σᵢ 1/sᵢ² for a matrix X (same zero rule as Q1).
At p = n the smallest singular value of a square Gaussian matrix is of order 1/√n instead of
|√p − √n| (Marchenko–Pastur edge; Rudelson & Vershynin 2008), and 1/s² explodes."""),
code("""double noiseAmplification(double[][] x) {
  // BEGIN SOLUTION
  double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(x, false)).getSingularValues();
  double tol = Math.max(x.length, x[0].length) * s[0] * Math.ulp(1.0);
  double sum = 0;
  for (double si : s) if (si > tol) sum += 1 / (si * si);
  return sum;
  // END SOLUTION
  // BEGIN STUB
  // return Double.NaN;
  // END STUB
}""", question="q3", points=2, title="Singular values and the peak"),
code("""var rng3 = new Random(3);
double amp20 = 0, amp40 = 0, amp80 = 0, smin40 = 0, smin20 = 0;
for (int t = 0; t < 50; t++) {
  double[][] a = gaussianMatrix(N, 20, rng3), b = gaussianMatrix(N, 40, rng3), c = gaussianMatrix(N, 80, rng3);
  amp20 += noiseAmplification(a) / 50; amp40 += noiseAmplification(b) / 50; amp80 += noiseAmplification(c) / 50;
  smin20 += MinNormRegression.smallestNonZeroSingularValue(a) / 50; smin40 += MinNormRegression.smallestNonZeroSingularValue(b) / 50;
}
checkRel("p = 20: E Σ 1/s² = p/(n − p − 1)", 20.0 / 19, amp20, 0.15);
checkTrue("p = n: the amplification is more than 10× larger", amp40 > 10 * amp20 && amp40 > 10 * amp80);
checkBetween("p = 20: smallest s near the edge √n − √p = " + DoubleDescentTheory.singularValueEdge(N, 20), 1.2, 2.4, smin20);
checkBetween("p = n: smallest s is of order 1/√n", 0.01, 0.6, smin40);""", tests="q3"),
code("""double[][] diag = new double[3][3];
diag[0][0] = 1; diag[1][1] = 2; diag[2][2] = 0.1;
checkRel("Σ 1/s² of diag(1, 2, 0.1)", 1 + 0.25 + 100, noiseAmplification(diag), 1e-9);
double[][] rankOne = {{1, 1}, {1, 1}};
checkRel("a zero singular value is skipped", 0.25, noiseAmplification(rankOne), 1e-9);""", tests="q3", hidden=True),
md("""## Q4 · The optimal ridge removes the peak (2 points)

For this model the penalty that minimises the risk is λ* = σ²p/r² (Hastie et al. 2022, Section 5;
with their loss normalised by n it reads σ²γ/r²). Complete the method, then see the risk with λ* at
p = n/2, n and 2n: no peak, and everywhere below the null estimator's risk r²."""),
code("""double optimalLambda(int p, double signalVar, double noiseVar) {
  // BEGIN SOLUTION
  return noiseVar * p / signalVar;
  // END SOLUTION
  // BEGIN STUB
  // return Double.NaN;
  // END STUB
}""", question="q4", points=2, title="The optimal ridge"),
code("""checkRel("λ* at p = n", DoubleDescentTheory.optimalRidge(N, SIGNAL_VAR, NOISE_VAR), optimalLambda(N, SIGNAL_VAR, NOISE_VAR), 1e-12);
int tr = 200;
double q20 = excessRisk(N, 20, optimalLambda(20, SIGNAL_VAR, NOISE_VAR), tr, 11);
double q40 = excessRisk(N, 40, optimalLambda(40, SIGNAL_VAR, NOISE_VAR), tr, 12);
double q80 = excessRisk(N, 80, optimalLambda(80, SIGNAL_VAR, NOISE_VAR), tr, 13);
checkRel("p = n with λ*: risk near its proportional limit", DoubleDescentTheory.ridgeLimitRisk(1.0, optimalLambda(N, SIGNAL_VAR, NOISE_VAR) / N, SIGNAL_VAR, NOISE_VAR), q40, 0.2);
checkTrue("no peak: risk(n) lies between risk(n/2) and risk(2n)", q20 < q40 && q40 < q80);
checkTrue("below the null estimator's r² = 1 everywhere", q80 < 1);
System.out.printf("optimal-ridge risk at p = 20, 40, 80: %.3f %.3f %.3f%n", q20, q40, q80);""", tests="q4"),
code("""checkRel("λ* for another model", 0.09 * 250 / 2.0, optimalLambda(250, 2.0, 0.09), 1e-12);""", tests="q4", hidden=True),
md("""## What you found

Least squares with p = n features has to fit n noisy points exactly with a matrix whose smallest
singular value is nearly zero, so the noise is amplified by 1/s² and the risk peaks (its expectation is
infinite at p = n − 1, n, n + 1; the simulated mean at p = n is in the hundreds of thousands here, against
≈0.27 at p = n/2 and ≈0.77 at p = 2n). Past the peak, the minimum-norm interpolator's extra dimensions spread the fit out and
the risk falls again. The optimal ridge penalty λ* = σ²p/r² caps the amplification at s/(s² + λ) and the
peak disappears: with tuned regularisation, more parameters never hurt here (Nakkiran et al. 2021,
"Optimal regularization can mitigate double descent")."""),
]

write(os.path.join(ROOT, "notebooks", "homework", "hw3-double-descent.ipynb"), cells)
