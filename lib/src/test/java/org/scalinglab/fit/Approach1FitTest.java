package org.scalinglab.fit;

import org.scalinglab.error.FitFailedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalinglab.data.LossCurve;
import org.scalinglab.law.ChinchillaLaw;

class Approach1FitTest {
  static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.8, 500, 1500, 0.35, 0.36);

  private static double[] sizes(double lo, double hi, int n) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) s[i] = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / (n - 1));
    return s;
  }

  @Test
  void envelopeOfCurvesFromAKnownLawGivesItsExponents() {
    List<LossCurve> curves = SyntheticRuns.curves(TRUTH, sizes(1e7, 1e11, 33), 1e8, 1e13, 120, 0.002, 5);
    // Keep to budgets whose optimal N lies well inside the sizes trained.
    double lo = 1e19, hi = 1e22;
    assertTrue(TRUTH.optimalParams(lo) > 3e7 && TRUTH.optimalParams(hi) < 3e10);
    Approach1Result r = Approach1Fit.builder().computeRange(lo, hi).build().fit(curves);
    assertEquals(TRUTH.paramsExponent(), r.paramsExponent(), 0.03, r.toString());
    assertEquals(TRUTH.tokensExponent(), r.tokensExponent(), 0.03, r.toString());
    assertEquals(1.0, r.optimalParamsAt(1e21) / TRUTH.optimalParams(1e21), 0.25);
    // The envelope is the lower edge of all curves: never above any curve where both are defined.
    for (int i = 0; i < r.compute().length; i += 100) {
      for (LossCurve c : curves) {
        double l = c.lossAtCompute(r.compute()[i]);
        if (!Double.isNaN(l)) assertTrue(r.envelopeLoss()[i] <= l + 1e-12);
      }
    }
  }

  @Test
  void lossCurveInterpolatesInLogSpace() {
    LossCurve c = new LossCurve(1e8, new double[] {1e9, 1e11}, new double[] {4.0, 1.0});
    assertEquals(2.0, c.lossAtCompute(6 * 1e8 * 1e10), 1e-12); // halfway in log t → geometric mean
    assertTrue(Double.isNaN(c.lossAtCompute(6 * 1e8 * 1e12)));
    assertEquals(6e17, c.minCompute(), 1);
    assertThrows(IllegalArgumentException.class, () -> new LossCurve(1e8, new double[] {2, 1}, new double[] {3, 3}));
  }

  @Test
  void needsOverlappingCurves() {
    List<LossCurve> one = SyntheticRuns.curves(TRUTH, new double[] {1e8}, 1e8, 1e10, 10, 0, 1);
    assertThrows(FitFailedException.class, () -> Approach1Fit.builder().build().fit(one));
  }
}
