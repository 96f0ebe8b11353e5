package org.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.law.ChinchillaLaw;

class BenchFitCommandTest {
  @TempDir Path dir;

  private Path smallCsv() throws IOException {
    StringBuilder sb = new StringBuilder("N,D,loss\n");
    for (double n : new double[] {1e8, 3e8, 1e9}) {
      for (double d : new double[] {1e9, 1e10, 1e11}) {
        sb.append(n).append(',').append(d).append(',').append(ChinchillaLaw.HOFFMANN_2022.loss(n, d)).append('\n');
      }
    }
    Path p = dir.resolve("small.csv");
    Files.writeString(p, sb.toString());
    return p;
  }

  @Test
  void parsesTheScriptsJson() {
    Map<String, String> m = BenchFitCommand.parseFlatJson(
        "{\"seconds\": 20.9, \"objective\": 0.0018260105231021626, \"converged\": true, \"scipy\": \"1.10.1\", \"E\": 1.89}");
    assertEquals("20.9", m.get("seconds"));
    assertEquals("0.0018260105231021626", m.get("objective"));
    assertEquals("true", m.get("converged"));
    assertEquals("1.10.1", m.get("scipy"));
  }

  @Test
  void saysClearlyWhenPythonIsMissingAndStillTimesJava() throws IOException {
    CliRun o = FitCommandTest.run("bench", "fit", "--data", smallCsv().toString(), "--repeat", "1",
        "--bootstrap", "4", "--python", "/nonexistent/python3", "--no-process");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("Java  (") && o.out().contains(" s median of 1"), o.out());
    assertTrue(o.out().contains("scipy: not run: cannot start /nonexistent/python3"), o.out());
  }

  @Test
  void jsonWithoutScipy() throws IOException {
    CliRun o = FitCommandTest.run("bench", "fit", "--data", smallCsv().toString(), "--repeat", "1",
        "--bootstrap", "0", "--no-scipy", "--no-process", "--json");
    assertEquals(0, o.code(), o.err());
    Map<String, String> m = BenchFitCommand.parseFlatJson(o.out());
    assertEquals("4500", m.get("starts"));
    assertEquals("skipped (--no-scipy)", m.get("scipy"));
    assertEquals(0.34, Double.parseDouble(m.get("alpha")), 1e-3);
  }
}
