package org.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FastExpTest {
  @Test
  void matchesMathExpToAFewUlps() {
    double worst = 0;
    for (float x = -87f; x <= 88f; x += 0.001f) {
      double exact = Math.exp(x);
      worst = Math.max(worst, Math.abs(FastExp.exp(x) - exact) / exact);
    }
    assertTrue(worst < 5e-7, "worst relative error " + worst);
  }

  @Test
  void saturates() {
    assertEquals(0f, FastExp.exp(-100f));
    assertEquals(Float.POSITIVE_INFINITY, FastExp.exp(100f));
    assertEquals(1f, FastExp.exp(0f));
  }
}
