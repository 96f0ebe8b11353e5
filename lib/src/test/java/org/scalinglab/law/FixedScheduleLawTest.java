package org.scalinglab.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FixedScheduleLawTest {
  static final ChinchillaLaw LAW = ChinchillaLaw.HOFFMANN_2022;

  @Test
  void theCosineIsFullAtTheStartHalfWayAtTheMiddleAndGoneAtTheEnd() {
    FixedScheduleLaw f = new FixedScheduleLaw(LAW, 1e11, 0.2);
    assertEquals(1, f.learningRateLeft(0), 1e-12);
    assertEquals(0.5, f.learningRateLeft(0.5e11), 1e-12);
    assertEquals(0, f.learningRateLeft(1e11), 1e-12);
    assertEquals(0, f.learningRateLeft(5e11), 1e-12);
  }

  @Test
  void theReducibleLossIsRaisedByTheLearningRateLeft() {
    FixedScheduleLaw f = new FixedScheduleLaw(LAW, 1e11, 0.2);
    double n = 1e9, d = 0.5e11, reducible = LAW.loss(n, d) - LAW.e();
    assertEquals(LAW.e() + reducible * 1.1, f.loss(n, d), 1e-12);
    assertEquals(LAW.loss(n, 2e11), f.loss(n, 2e11), 1e-12, "past the schedule: the matched loss");
    assertEquals(LAW.loss(n, d), new FixedScheduleLaw(LAW, 1e11, 0).loss(n, d), 1e-12);
    assertTrue(f.loss(n, 1e10) > LAW.loss(n, 1e10));
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new FixedScheduleLaw(null, 1e11, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new FixedScheduleLaw(LAW, 0, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new FixedScheduleLaw(LAW, 1e11, -1));
  }
}
