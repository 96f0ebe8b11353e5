package org.scalinglab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TableExpTest {
  @Test
  void isWithinTwoUlpOfStrictMathOverTheWholeRange() {
    SplittableRandom random = new SplittableRandom(11);
    double worst = 0;
    for (int i = 0; i < 2_000_000; i++) {
      double x = i % 2 == 0 ? random.nextDouble(-708, 709) : random.nextDouble(-30, 30);
      double exact = StrictMath.exp(x);
      worst = Math.max(worst, Math.abs(TableExp.expInRange(x) - exact) / Math.ulp(exact));
    }
    assertTrue(worst <= 2, "worst error " + worst + " ulp");
  }

  @Test
  void isExactWhereExpIs() {
    assertEquals(1.0, TableExp.expInRange(0));
    assertEquals(Math.E, TableExp.expInRange(1), Math.ulp(Math.E));
    assertEquals(StrictMath.exp(-708), TableExp.expInRange(-708), 2 * Math.ulp(StrictMath.exp(-708)));
    assertEquals(StrictMath.exp(709), TableExp.expInRange(709), 2 * Math.ulp(StrictMath.exp(709)));
    // the table's boundaries: multiples of ln 2/512
    for (int k = -3000; k <= 3000; k += 7) {
      double x = k * Math.log(2) / 512;
      assertEquals(StrictMath.exp(x), TableExp.expInRange(x), 2 * Math.ulp(StrictMath.exp(x)), "x = " + x);
    }
  }
}
