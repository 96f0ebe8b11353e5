package org.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalinglab.law.ChinchillaLaw;
import org.scalinglab.law.KaplanAllocation;

class LawAndOptimalCommandTest {

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  static double jsonNumber(String json, String key) {
    com.google.gson.JsonObject o = org.scalinglab.data.Json.parseObject(json.strip());
    assertTrue(o.has(key), key + " in " + json);
    return o.get(key).getAsDouble();
  }

  @Test
  void lawPrintsChinchillaPrediction() {
    CliRun r = run("law", "--law", "chinchilla", "--params", "70e9", "--tokens", "1.4e12");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("1.9366"), r.out());
    CliRun j = run("law", "--law", "chinchilla", "--params", "280e9", "--tokens", "300e9", "--json");
    assertEquals(1.993, jsonNumber(j.out(), "loss"), 1e-3);
  }

  @Test
  void optimalChinchillaJson() {
    CliRun r = run("optimal", "--law", "chinchilla", "--compute", "5.76e23", "--json");
    assertEquals(0, r.code(), r.err());
    ChinchillaLaw law = ChinchillaLaw.HOFFMANN_2022;
    double n = jsonNumber(r.out(), "N"), d = jsonNumber(r.out(), "D");
    assertEquals(law.optimalParams(5.76e23), n, 1e-6 * n);
    assertEquals(law.optimalTokens(5.76e23), d, 1e-6 * d);
    assertEquals(d / n, jsonNumber(r.out(), "tokens_per_param"), 1e-9);
    assertEquals(law.optimalLoss(5.76e23), jsonNumber(r.out(), "loss"), 1e-12);
    // the numeric optimiser agrees with the closed form
    CliRun numeric = run("optimal", "--law", "chinchilla", "--compute", "5.76e23", "--json", "--numeric");
    assertEquals(n, jsonNumber(numeric.out(), "N"), 1e-5 * n);
  }

  @Test
  void optimalKaplanUsesTheFigure14Allocation() {
    CliRun r = run("optimal", "--law", "kaplan", "--compute", "3.14e23", "--json");
    assertEquals(0, r.code(), r.err());
    double n = jsonNumber(r.out(), "N");
    assertEquals(KaplanAllocation.KAPLAN_2020.optimalParams(3.14e23), n, 1e-6 * n);
    CliRun human = run("optimal", "--law", "kaplan", "--compute", "3.14e23");
    assertTrue(human.out().contains("tokens/parameter"), human.out());
  }

  @Test
  void badValuesExitWithTwoAndOneClearLine() {
    String[][] bad = {
        {"optimal", "--compute", "0"},
        {"optimal", "--compute", "-1e23"},
        {"optimal", "--compute", "NaN"},
        {"optimal", "--compute", "Infinity"},
        {"optimal", "--compute", "lots"},
        {"optimal", "--law", "gpt", "--compute", "1e23"},
        {"law", "--params", "0", "--tokens", "1e9"},
        {"law", "--params", "1e9", "--tokens", "NaN"},
        {"law", "--law", "nope", "--params", "1e9", "--tokens", "1e9"},
        {"law", "--params", "1e9"},
    };
    for (String[] args : bad) {
      CliRun r = run(args);
      assertEquals(2, r.code(), String.join(" ", args) + " → " + r.err());
      assertTrue(r.err().startsWith("scalinglab: error: "), r.err());
      assertTrue(r.out().isEmpty(), r.out());
    }
  }

  @Test
  void optimalFarBelowThePapersRunsWarnsWithTheirRange() {
    CliRun r = run("optimal", "--law", "chinchilla", "--compute", "1");
    assertEquals(0, r.code(), r.err());
    assertEquals(String.join("\n",
        "scalinglab: warning: C = 1.00 FLOPs is 1.4e+18× below the range the law was fitted on (1.40e+18 to 1.30e+22 FLOPs, "
            + "Hoffmann et al. 2022's runs): an extrapolation",
        "scalinglab: warning: N = 0.599 parameters is 1.2e+08× below the range the law was fitted on (7.00e+07 to 1.60e+10 "
            + "parameters, Hoffmann et al. 2022's runs): an extrapolation",
        "scalinglab: warning: D = 0.278 tokens is 1.8e+10× below the range the law was fitted on (5.00e+09 to 5.00e+11 "
            + "tokens, Hoffmann et al. 2022's runs): an extrapolation"), r.err().strip());
    CliRun inside = run("optimal", "--law", "chinchilla", "--compute", "5.76e23");
    assertEquals("", inside.err()); // Chinchilla's own budget is 44x above the runs: within 100x
    CliRun kaplan = run("law", "--law", "kaplan", "--params", "1e12", "--tokens", "1e12", "--json");
    assertTrue(kaplan.err().startsWith("scalinglab: warning: C = 6.00e+24 FLOPs is 2.9e+04× above the range the law was fitted on "
        + "(1.01e+11 to 2.07e+20 FLOPs, Kaplan et al. 2020's runs)"), kaplan.err());
    assertEquals(2, org.scalinglab.data.Json.parseObject(kaplan.out()).getAsJsonArray("warnings").size()); // C and N; D = 1e12 is 43x above
  }
}
