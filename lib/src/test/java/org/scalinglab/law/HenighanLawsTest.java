package org.scalinglab.law;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class HenighanLawsTest {

  @Test
  void equationOneOneIsAnOffsetPowerLaw() {
    OffsetPowerLaw l = HenighanLaws.law(2.0, 1e-3, 0.2);
    assertEquals(2.0 + 1.0, l.value(1e-3), 1e-12); // at x = x₀ the reducible part is 1
    assertEquals(2.0 + Math.pow(0.1, 0.2), l.value(1e-2), 1e-12);
    assertEquals(1e-3, HenighanLaws.scaleOf(l), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> HenighanLaws.law(2, 0, 0.2));
  }

  @Test
  void eightByEightImageAsymptote() {
    assertEquals(192, HenighanLaws.tokensPerImage(8));
    assertEquals(3 * 64 * 64, HenighanLaws.tokensPerImage(64));
    assertEquals(601.54 / 192, HenighanLaws.image8x8IrreduciblePerToken(), 1e-12);
    assertEquals(3.133, HenighanLaws.image8x8IrreduciblePerToken(), 5e-4);
    assertFalse(HenighanLaws.UNVERIFIED.isEmpty());
  }
}
