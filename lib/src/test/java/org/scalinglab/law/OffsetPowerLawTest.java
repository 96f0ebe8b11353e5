package org.scalinglab.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OffsetPowerLawTest {
  private final OffsetPowerLaw law = new OffsetPowerLaw(1.69, 406.4, 0.34);

  @Test
  void inverseUndoesValue() {
    for (double x : new double[] {1e6, 7e10, 1e14}) assertEquals(x, law.inverse(law.value(x)), 1e-8 * x);
  }

  @Test
  void flattensTowardTheIrreducibleTerm() {
    assertTrue(law.value(1e20) - 1.69 < 1e-4);
    assertTrue(law.value(1e20) > 1.69);
    // the log–log slope shrinks in magnitude as the scale grows
    assertTrue(Math.abs(law.localSlope(1e6)) > Math.abs(law.localSlope(1e9)));
    assertTrue(Math.abs(law.localSlope(1e9)) > Math.abs(law.localSlope(1e12)));
    assertTrue(Math.abs(law.localSlope(1e12)) < 0.34);
  }

  @Test
  void localSlopeMatchesFiniteDifference() {
    double x = 3e9, h = 1e-6;
    double fd = (Math.log(law.value(x * Math.exp(h))) - Math.log(law.value(x * Math.exp(-h)))) / (2 * h);
    assertEquals(fd, law.localSlope(x), 1e-7);
  }

  @Test
  void targetAtOrBelowTheFloorIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> law.inverse(1.69));
    assertTrue(e.getMessage().contains("irreducible"));
  }

  @Test
  void reduciblePartIsAPurePowerLaw() {
    assertEquals(law.value(1e9) - 1.69, law.reducible().value(1e9), 1e-12);
    assertEquals(law, new PowerLaw(406.4, 0.34).plus(1.69));
  }
}
