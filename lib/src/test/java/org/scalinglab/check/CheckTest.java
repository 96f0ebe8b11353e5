package org.scalinglab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream saved;

  @BeforeEach
  void captureStdout() {
    saved = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStdout() {
    System.setOut(saved);
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void passingCheckPrintsATickAndReturnsTheValue() {
    Check.check("Gopher loss", 1.993, 1.9933, 1e-3);
    assertTrue(printed().startsWith("✓ Gopher loss = 1.99330 (expected 1.99300 ± 0.00100000)"), printed());
  }

  @Test
  void failingCheckNamesExpectedActualAndTolerance() {
    CheckFailedException e = assertThrows(CheckFailedException.class,
        () -> Check.check("Gopher loss", 1.993, 2.5, 1e-3));
    assertEquals("check failed: Gopher loss: expected 1.99300 ± 0.00100000, got 2.50000 (off by 0.507000)", e.getMessage());
    assertEquals("", printed());
  }

  @Test
  void nanNeverPasses() {
    assertThrows(CheckFailedException.class, () -> Check.check("nan", 1, Double.NaN, 1));
    assertThrows(CheckFailedException.class, () -> Check.checkRel("nan", 1, Double.NaN, 1));
    assertThrows(CheckFailedException.class, () -> Check.checkBetween("nan", 0, 1, Double.NaN));
  }

  @Test
  void relativeToleranceIsAFractionOfExpected() {
    Check.checkRel("PF-days", 3640, 3634.26, 0.01);
    CheckFailedException e = assertThrows(CheckFailedException.class, () -> Check.checkRel("PF-days", 3640, 3000, 0.01));
    assertTrue(e.getMessage().contains("within 1.00000%"), e.getMessage());
  }

  @Test
  void betweenTrueAndEquals() {
    Check.checkBetween("slope", -1, 0, -0.5);
    assertThrows(CheckFailedException.class, () -> Check.checkBetween("slope", -1, 0, 0.5));
    Check.checkTrue("grows", true);
    assertThrows(CheckFailedException.class, () -> Check.checkTrue("grows", false));
    Check.checkEquals("name", "a", "a");
    assertThrows(CheckFailedException.class, () -> Check.checkEquals("name", "a", "b"));
  }

  @Test
  void negativeToleranceIsAUsageError() {
    assertThrows(IllegalArgumentException.class, () -> Check.check("x", 1, 1, -1));
  }
}
