package org.scalinglab.demo.doubledescent;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DoubleDescentTest {

  @Test
  void finiteTheoryValues() {
    assertEquals(0.25 * 50 / 49.0, DoubleDescentTheory.minNormRisk(100, 50, 1, 0.25), 1e-12);
    assertEquals(1 - 100 / 200.0 + 0.25 * 100 / 99.0, DoubleDescentTheory.minNormRisk(100, 200, 1, 0.25), 1e-12);
    for (int p = 99; p <= 101; p++) {
      assertEquals(Double.POSITIVE_INFINITY, DoubleDescentTheory.minNormRisk(100, p, 1, 0.25));
      assertTrue(DoubleDescentTheory.isInfinite(100, p, 0.25));
    }
    assertFalse(DoubleDescentTheory.isInfinite(100, 98, 0.25));
    // no noise: no variance, the bias alone (finite even at p = n)
    assertEquals(0, DoubleDescentTheory.minNormRisk(100, 100, 1, 0), 0);
    assertThrows(IllegalArgumentException.class, () -> DoubleDescentTheory.minNormRisk(0, 5, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> DoubleDescentTheory.minNormRisk(5, 5, 1, -1));
  }

  @Test
  void finiteTheoryApproachesItsProportionalLimit() {
    for (double gamma : new double[] {0.3, 0.7, 1.5, 3}) {
      int n = 100_000, p = (int) Math.round(gamma * n);
      assertEquals(DoubleDescentTheory.limitRisk(gamma, 1, 0.25), DoubleDescentTheory.minNormRisk(n, p, 1, 0.25), 1e-3);
    }
  }

  @Test
  void ridgeLimitAtZeroPenaltyIsTheRidgelessLimitAndOptimumBeatsNeighbours() {
    for (double gamma : new double[] {0.3, 0.8, 1.2, 2.5}) {
      double ridgeless = DoubleDescentTheory.limitRisk(gamma, 1, 0.25);
      assertEquals(ridgeless, DoubleDescentTheory.ridgeLimitRisk(gamma, 1e-9, 1, 0.25), 1e-5 * (1 + ridgeless));
      double best = 0.25 * gamma; // λ_H* = σ²γ/r²
      double atBest = DoubleDescentTheory.ridgeLimitRisk(gamma, best, 1, 0.25);
      assertTrue(atBest < DoubleDescentTheory.ridgeLimitRisk(gamma, best * 1.2, 1, 0.25));
      assertTrue(atBest < DoubleDescentTheory.ridgeLimitRisk(gamma, best / 1.2, 1, 0.25));
      assertTrue(atBest < ridgeless);
      assertEquals(best * 100, DoubleDescentTheory.optimalRidge((int) Math.round(gamma * 100), 1, 0.25), 1e-9);
    }
  }

  @Test
  void modelWiseSimulationAgreesWithExactTheoryWithinItsStandardError() {
    RiskCurve c = DoubleDescent.builder().signalVar(1).noiseSd(0.5).trials(400).seed(7).build().modelWise(40, 120);
    // away from p = n ± 1 (infinite mean, and infinite variance a few steps further) the mean is
    // normal enough: every point within 4 standard errors
    assertTrue(c.maxZ(40, 6) < 4, "max |z| = " + c.maxZ(40, 6));
    int peak = c.peak();
    assertTrue(Math.abs(peak - 40) <= 2, "peak at p = " + peak);
  }

  @Test
  void sampleWiseSimulationAgreesWithExactTheoryAndMoreDataCanHurt() {
    RiskCurve c = DoubleDescent.builder().signalVar(1).noiseSd(0.5).trials(400).seed(8).build().sampleWise(40, 120);
    assertTrue(c.maxZ(40, 6) < 4, "max |z| = " + c.maxZ(40, 6));
    assertTrue(c.meanAt(40) > c.meanAt(20), "more data hurt: risk at n = p above risk at n = p/2");
  }

  @Test
  void ridgeSimulationAgreesWithTheSvdEstimatorAndRemovesThePeak() {
    double lambda = DoubleDescentTheory.optimalRidge(40, 1, 0.25);
    DoubleDescent dd = DoubleDescent.builder().signalVar(1).noiseSd(0.5).trials(200).seed(9).ridge(lambda).build();
    RiskCurve c = dd.modelWise(40, 120);
    assertTrue(c.meanAt(40) < 1.0, "ridge risk at p = n: " + c.meanAt(40));
    // the proportional limit is close at n = 40 (a few percent): within 10%
    for (int p : new int[] {10, 40, 80, 120}) assertEquals(c.theoryAt(p), c.meanAt(p), 0.1 * c.theoryAt(p) + 3 * c.stderrAt(p), "p = " + p);
  }

  @Test
  void fastTrialEqualsExplicitSvdFits() {
    for (double lambda : new double[] {0, 3.0}) {
      int n = 12, pMax = 30;
      DoubleDescent dd = DoubleDescent.builder().signalVar(2).noiseSd(0.7).ridge(lambda).trials(2).seed(3).build();
      double[] fast = dd.modelWiseTrial(n, pMax, new SplittableRandom(11));
      // replay the same random stream to rebuild X, z, ε
      SplittableRandom rng = new SplittableRandom(11);
      double[] eps = DoubleDescent.gaussian(rng, n, 0.7);
      double[][] cols = new double[pMax][];
      double[] z = new double[pMax];
      for (int p = 1; p <= pMax; p++) {
        cols[p - 1] = DoubleDescent.gaussian(rng, n, 1);
        z[p - 1] = rng.nextGaussian();
      }
      for (int p = 1; p <= pMax; p++) {
        double[][] x = new double[n][p];
        double zz = 0;
        for (int j = 0; j < p; j++) zz += z[j] * z[j];
        double[] beta = new double[p];
        for (int j = 0; j < p; j++) {
          beta[j] = Math.sqrt(2) * z[j] / Math.sqrt(zz);
          for (int i = 0; i < n; i++) x[i][j] = cols[j][i];
        }
        double[] y = MinNormRegression.predict(x, beta);
        for (int i = 0; i < n; i++) y[i] += eps[i];
        double[] b = MinNormRegression.ridge(x, y, lambda);
        double risk = 0;
        for (int j = 0; j < p; j++) risk += (b[j] - beta[j]) * (b[j] - beta[j]);
        assertEquals(risk, fast[p - 1], 1e-7 * (1 + risk), "λ = " + lambda + ", p = " + p);
      }
    }
  }

  @Test
  void svdMinNormEqualsNormalEquationsWhenTheyExist() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 20, p = 6;
    double[][] x = new double[n][p];
    double[] y = DoubleDescent.gaussian(rng, n, 1);
    for (double[] row : x) for (int j = 0; j < p; j++) row[j] = rng.nextGaussian();
    // full column rank: the unique least-squares solution, (XᵀX)⁻¹Xᵀy, solved directly
    double[][] g = new double[p][p];
    double[] xty = new double[p];
    for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) {
      xty[j] += x[i][j] * y[i];
      for (int k = 0; k < p; k++) g[j][k] += x[i][j] * x[i][k];
    }
    double[] direct = new org.apache.commons.math3.linear.LUDecomposition(new org.apache.commons.math3.linear.Array2DRowRealMatrix(g))
        .getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(xty)).toArray();
    assertArrayEquals(direct, MinNormRegression.fit(x, y), 1e-10);
    // wide X: the minimum-norm interpolator Xᵀ(XXᵀ)⁻¹y fits the data exactly
    double[][] wide = new double[p][n];
    for (int i = 0; i < p; i++) for (int j = 0; j < n; j++) wide[i][j] = x[j][i];
    double[] yw = java.util.Arrays.copyOf(y, p);
    double[] b = MinNormRegression.fit(wide, yw);
    assertArrayEquals(yw, MinNormRegression.predict(wide, b), 1e-10);
  }

  @Test
  void sameSeedSameCurve() {
    DoubleDescent dd = DoubleDescent.builder().trials(5).seed(4).build();
    assertArrayEquals(dd.modelWise(20, 40).mean(), dd.modelWise(20, 40).mean());
  }

  @Test
  void gramSmallestSingularValueEqualsTheSvdOne() {
    SplittableRandom rng = new SplittableRandom(12);
    for (int[] shape : new int[][] {{30, 10}, {30, 30}, {30, 29}, {10, 45}}) {
      double[][] x = new double[shape[0]][shape[1]];
      for (double[] row : x) for (int j = 0; j < row.length; j++) row[j] = rng.nextGaussian();
      double svd = MinNormRegression.smallestNonZeroSingularValue(x);
      assertEquals(svd, MinNormRegression.smallestSingularValueFullRank(x), 1e-9 * (1 + svd), shape[0] + "×" + shape[1]);
    }
    SingularValueCurve sv = DoubleDescent.builder().seed(2).build().smallestSingularValues(40, new int[] {10, 40, 120}, 3);
    assertEquals(40, sv.argmin());
    assertTrue(sv.meanAt(120) > 0.8 * DoubleDescentTheory.singularValueEdge(40, 120), "s_min at p = 120: " + sv.meanAt(120));
  }
}
