package org.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.demo.doubledescent.DoubleDescentTheory;

class DoubleDescentCommandTest {

  private static JsonObject json(CliRun r) {
    assertEquals(0, r.code(), r.err());
    return JsonParser.parseString(r.out()).getAsJsonObject();
  }

  @Test
  void simulationJsonHasTheCurveAndTheTheory(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("dd.png");
    JsonObject o = json(CliRun.of("double-descent", "--n", "30", "--p-max", "80", "--noise", "0.5", "--trials", "20",
        "--json", "--plot", png.toString()));
    JsonArray p = o.getAsJsonArray("p"), risk = o.getAsJsonArray("test_risk"), se = o.getAsJsonArray("stderr"),
        analytic = o.getAsJsonArray("analytic");
    assertEquals(80, p.size());
    assertEquals(80, risk.size());
    assertEquals(80, se.size());
    assertTrue(analytic.get(29).isJsonNull(), "p = n is infinite → null");
    assertTrue(analytic.get(28).isJsonNull() && analytic.get(30).isJsonNull());
    assertEquals(DoubleDescentTheory.minNormRisk(30, 60, 1, 0.25), analytic.get(59).getAsDouble(), 1e-12);
    assertTrue(o.has("analytic_null_reason"));
    assertTrue(Files.size(png) > 1000, "figure written");
    // the peak of the simulated curve sits at the threshold
    int peak = 0;
    for (int i = 1; i < risk.size(); i++) if (risk.get(i).getAsDouble() > risk.get(peak).getAsDouble()) peak = i;
    assertTrue(Math.abs(p.get(peak).getAsInt() - 30) <= 2, "peak at p = " + p.get(peak));
  }

  @Test
  void textOutputAndOptimalRidge() {
    CliRun r = CliRun.of("double-descent", "--n", "20", "--p-max", "40", "--trials", "5");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("infinite"), r.out());
    assertTrue(r.out().contains("peak of the simulated risk"), r.out());
    JsonObject o = json(CliRun.of("double-descent", "--n", "20", "--p-max", "40", "--trials", "5", "--ridge", "optimal", "--json"));
    assertEquals(0.25 * 20, o.get("ridge").getAsDouble(), 1e-12);
    for (var a : o.getAsJsonArray("analytic")) assertFalse(a.isJsonNull(), "ridge theory is finite everywhere");
  }

  @Test
  void analyticRiskFiniteInfiniteAndLimit() {
    JsonObject o = json(CliRun.of("double-descent", "--analytic", "--n", "100", "--p", "200", "--noise-var", "0.25", "--signal-var", "1", "--json"));
    assertEquals(0.5 + 0.25 * 100 / 99.0, o.get("risk").getAsDouble(), 1e-12);
    assertFalse(o.get("infinite").getAsBoolean());
    for (String p : new String[] {"99", "100", "101"}) {
      JsonObject inf = json(CliRun.of("double-descent", "--analytic", "--n", "100", "--p", p, "--noise-var", "0.25", "--signal-var", "1", "--json"));
      assertTrue(inf.get("risk").isJsonNull(), p);
      assertTrue(inf.get("infinite").getAsBoolean());
      assertTrue(inf.get("reason").getAsString().contains("infinite"));
    }
    JsonObject lim = json(CliRun.of("double-descent", "--analytic", "--limit", "--n", "100", "--p", "50", "--noise-var", "0.25", "--signal-var", "1", "--json"));
    assertEquals(0.25 * 0.5 / 0.5, lim.get("risk").getAsDouble(), 1e-12);
    CliRun text = CliRun.of("double-descent", "--analytic", "--n", "100", "--p", "100", "--noise-var", "0.25");
    assertEquals(0, text.code());
    assertTrue(text.out().contains("infinite"), text.out());
  }

  @Test
  void badInputIsOneLineAndExitTwo() {
    String[][] bad = {
        {"double-descent", "--n", "0"},
        {"double-descent", "--n", "10", "--p-max", "-3"},
        {"double-descent", "--noise", "-0.5"},
        {"double-descent", "--analytic", "--n", "10", "--p", "5", "--noise-var", "-1"},
        {"double-descent", "--analytic", "--n", "10"},
        {"double-descent", "--analytic", "--n", "10", "--p", "0"},
        {"double-descent", "--trials", "1"},
        {"double-descent", "--ridge", "-2"},
        {"double-descent", "--analytic", "--n", "10", "--p", "5", "--ridge", "1"},
    };
    for (String[] args : bad) {
      CliRun r = CliRun.of(args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.out() + r.err());
      assertTrue(r.err().startsWith("scalinglab: error: "), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }
}
