package org.scalinglab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.scalinglab.train.TransformerConfig;

class ConsoleProgressTest {
  private static final RunSpec RUN = new RunSpec(0, "C1e10-L1-d8-h1", 1e10, TransformerConfig.of(8, 8, 1, 8, 1), 1e4, 100, false);

  private static String drive(ConsoleProgress p, ByteArrayOutputStream buf) {
    p.sweepStarted(0, 2);
    p.runStarted(RUN);
    for (int s = 1; s <= 100; s++) p.step(RUN, s, 100, 1.0);
    p.runFinished(RUN, null, 1, 2);
    p.finish();
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void inPlaceRedrawsOneLineWithCarriageReturns() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    String out = drive(new ConsoleProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), 0), buf);
    assertTrue(out.contains("\r"));
    assertEquals(1, out.chars().filter(c -> c == '\n').count(), "one line, ended by finish()");
    assertTrue(out.contains("runs [##########----------] 1/2"), out);
  }

  @Test
  void linesModeWritesWholeLinesForALogFile() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    String out = drive(ConsoleProgress.lines(new PrintStream(buf, true, StandardCharsets.UTF_8), 3600), buf);
    assertFalse(out.contains("\r"), "no carriage returns in a log file");
    // started, run started, run finished: the 100 steps within the interval print nothing
    assertEquals(3, out.lines().count(), out);
    assertTrue(out.lines().allMatch(l -> l.startsWith("runs [")), out);
  }
}
