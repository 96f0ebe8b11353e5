package org.scalinglab.fit;

import org.scalinglab.error.FitFailedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scalinglab.data.WordFrequencies;

class PowerLawFitTest {

  @Test
  void exactDataIsRecoveredExactly() {
    double[] x = {1e3, 1e4, 1e5, 1e6, 1e7};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = 5.0 * Math.pow(x[i], -0.076);
    PowerLawFit fit = PowerLawFit.fit(x, y);
    assertEquals(0.076, fit.alpha(), 1e-12);
    assertEquals(5.0, fit.a(), 1e-9);
    assertEquals(1.0, fit.rSquared(), 1e-12);
  }

  @Test
  void noisyDataRecoversTheExponentWithinItsStandardError() {
    Random rng = new Random(42);
    int n = 200;
    double[] x = new double[n], y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.pow(10, 3 + 6.0 * i / (n - 1));
      y[i] = 2.0 * Math.pow(x[i], -0.3) * Math.exp(0.05 * rng.nextGaussian());
    }
    PowerLawFit fit = PowerLawFit.fit(x, y);
    assertTrue(Math.abs(fit.alpha() - 0.3) < 4 * fit.alphaStdErr(), fit.toString());
    // standard error of the slope for σ = 0.05 over 6 decades of 200 points ≈ 0.05 / (sd(ln x)·√n)
    double sdLnX = 6 * Math.log(10) / Math.sqrt(12);
    assertEquals(0.05 / (sdLnX * Math.sqrt(n)), fit.alphaStdErr(), 0.3 * fit.alphaStdErr());
    double[] ci = fit.alphaInterval(0.95);
    assertTrue(ci[0] < fit.alpha() && fit.alpha() < ci[1]);
  }

  @Test
  void fitAboveAKnownFloor() {
    double[] x = {1e6, 1e7, 1e8, 1e9, 1e10};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = 1.69 + 406.4 * Math.pow(x[i], -0.34);
    PowerLawFit fit = PowerLawFit.fitAboveFloor(x, y, 1.69);
    assertEquals(0.34, fit.alpha(), 1e-10);
    assertEquals(406.4, fit.a(), 1e-6);
    assertThrows(IllegalArgumentException.class, () -> PowerLawFit.fitAboveFloor(x, y, 5));
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> PowerLawFit.fit(new double[] {1, 2}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> PowerLawFit.fit(new double[] {1, 2, 3}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> PowerLawFit.fit(new double[] {1, 2, -3}, new double[] {1, 2, 3}));
    assertThrows(FitFailedException.class, () -> PowerLawFit.fit(new double[] {2, 2, 2}, new double[] {1, 2, 3}));
  }

  @Test
  void zipfOnTheKingJamesBible() {
    WordFrequencies kjv = WordFrequencies.kingJamesBible();
    PowerLawFit fit = PowerLawFit.zipf(kjv, 1, 1000);
    assertEquals(1000, fit.n());
    assertEquals(ZIPF_KJV, fit.alpha(), 0.005, fit.toString());
    assertTrue(fit.rSquared() > 0.98);
    // the fit uses exactly the frequencies of ranks 1..1000
    double[] r = new double[1000], f = new double[1000];
    for (int i = 0; i < 1000; i++) {
      r[i] = i + 1;
      f[i] = kjv.frequencies()[i];
    }
    assertEquals(PowerLawFit.fit(r, f), fit);
    assertThrows(IllegalArgumentException.class, () -> PowerLawFit.zipf(kjv, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> PowerLawFit.zipf(kjv, 5, 6));
  }

  /** Zipf's exponent of the King James Bible over ranks 1–1000 (notebook 01: s ≈ 1.16). */
  private static final double ZIPF_KJV = 1.16;
}
