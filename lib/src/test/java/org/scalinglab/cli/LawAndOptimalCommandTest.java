package org.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.scalinglab.law.ChinchillaLaw;
import org.scalinglab.law.KaplanAllocation;

class LawAndOptimalCommandTest {

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  static double jsonNumber(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE+]+)").matcher(json);
    assertTrue(m.find(), key + " in " + json);
    return Double.parseDouble(m.group(1));
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
}
