package org.scalinglab.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PowerLawTest {

  @Test
  void tenTimesTheScaleDividesTheLossByTenToTheAlpha() {
    PowerLaw law = new PowerLaw(3.0, 0.076);
    for (double x : new double[] {1, 37, 1e6, 4e11}) {
      assertEquals(law.value(x) / Math.pow(10, 0.076), law.value(10 * x), 1e-12 * law.value(x));
      assertEquals(Math.pow(10, -0.076), law.ratio(x, 10), 1e-12);
    }
    assertEquals(Math.pow(10, -0.076), law.perDecadeFactor(), 1e-15);
  }

  @Test
  void lectureOneNumbers() {
    // α = 1: 10% → 1% with 10× the model; 10% → 0.01% needs 1000×.
    PowerLaw one = new PowerLaw(1, 1);
    assertEquals(0.1, one.perDecadeFactor(), 1e-15);
    assertEquals(1000, one.scaleFactorFor(0.10, 0.0001), 1e-9);
    // α = 0.5: L(10X) ≈ L(X)/3 and 10% → 0.01% needs 10^6×.
    PowerLaw half = new PowerLaw(1, 0.5);
    assertEquals(1 / Math.sqrt(10), half.perDecadeFactor(), 1e-15);
    assertEquals(3.0, 1 / half.perDecadeFactor(), 0.17);
    assertEquals(1e6, half.scaleFactorFor(0.10, 0.0001), 1e-3);
  }

  @Test
  void inverseUndoesValue() {
    PowerLaw law = new PowerLaw(406.4, 0.34);
    for (double x : new double[] {1, 1e3, 7e10, 2.5e14}) {
      assertEquals(x, law.inverse(law.value(x)), 1e-9 * x);
    }
  }

  @Test
  void scaleFormAndCriticalFormAreTheSameCurve() {
    // y = (k x)^p with p = -0.095, and Kaplan's (D_c/D)^α_D with D_c = 1/k
    double k = 1 / 5.4e13, p = -0.095;
    PowerLaw scale = PowerLaw.ofScaleForm(k, p);
    PowerLaw critical = PowerLaw.ofCritical(5.4e13, 0.095);
    for (double x : new double[] {1e7, 1e9, 1e12}) {
      assertEquals(Math.pow(k * x, p), scale.value(x), 1e-12);
      assertEquals(scale.value(x), critical.value(x), 1e-12);
    }
    assertEquals(k, scale.scaleK(), 1e-12 * k);
    assertEquals(5.4e13, critical.criticalScale(), 1e-3 * 5.4e13);
  }

  @Test
  void straightLineThroughTwoPointsRecoversTheLaw() {
    PowerLaw truth = new PowerLaw(2.5, 0.3);
    PowerLaw read = PowerLaw.throughPoints(10, truth.value(10), 1e5, truth.value(1e5));
    assertEquals(0.3, read.alpha(), 1e-12);
    assertEquals(2.5, read.a(), 1e-9);
  }

  @Test
  void localSlopeMatchesFiniteDifferenceInLogSpace() {
    PowerLaw law = new PowerLaw(2, 0.2);
    double x = 1e4, h = 1e-6;
    double fd = (Math.log(law.value(x * Math.exp(h))) - Math.log(law.value(x * Math.exp(-h)))) / (2 * h);
    assertEquals(fd, law.localSlope(x), 1e-8);
  }

  @Test
  void decreasingForPositiveAlpha() {
    PowerLaw law = new PowerLaw(1, 0.05);
    double prev = Double.POSITIVE_INFINITY;
    for (double x = 1; x < 1e12; x *= 3) {
      assertTrue(law.value(x) < prev);
      prev = law.value(x);
    }
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> new PowerLaw(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new PowerLaw(1, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new PowerLaw(1, 0));
    assertThrows(IllegalArgumentException.class, () -> new PowerLaw(1, 1).value(-2));
    assertThrows(IllegalArgumentException.class, () -> new PowerLaw(1, 1).inverse(0));
    assertThrows(IllegalArgumentException.class, () -> PowerLaw.throughPoints(1, 1, 1, 2));
  }
}
