package org.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitCommandTest {
  @TempDir Path dir;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private void assertBadInput(String expectedMessage, String... args) {
    CliRun o = run(args);
    assertEquals(2, o.code(), o.err());
    assertEquals("scalinglab: error: " + expectedMessage, o.err().strip());
  }

  @Test
  void aFolderThatIsNotASweepLedgerIsRejected() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("not-a-ledger"));
    assertBadInput(folder + ": not a sweep ledger (no sweep.json)", "fit", "--data", folder.toString());
  }

  /** A small law-generated CSV with the columns named as a user might. */
  private Path goodCsv() throws IOException {
    StringBuilder sb = new StringBuilder("Model Size,Training FLOP,loss\n");
    var law = org.scalinglab.law.ChinchillaLaw.HOFFMANN_2022;
    for (double n : new double[] {1e8, 3e8, 1e9, 3e9}) {
      for (double c : new double[] {1e19, 1e20, 1e21}) {
        sb.append(n).append(',').append(c).append(',').append(law.loss(n, c / (6 * n))).append('\n');
      }
    }
    return write("runs.csv", sb.toString());
  }

  @Test
  void fitsAndPrintsJsonWithTheDocumentedKeys() throws IOException {
    CliRun o = run("fit", "--data", goodCsv().toString(), "--json");
    assertEquals(0, o.code(), o.err());
    Map<String, String> j = BenchFitCommand.parseFlatJson(o.out());
    for (String key : new String[] {"E", "A", "B", "alpha", "beta", "objective", "converged"}) {
      assertTrue(j.containsKey(key), key + " missing in " + o.out());
    }
    assertEquals(1.69, Double.parseDouble(j.get("E")), 1e-3);
    assertEquals(0.34, Double.parseDouble(j.get("alpha")), 1e-3);
    assertEquals("true", j.get("converged"));
    assertEquals("12", j.get("runs"));
  }

  @Test
  void bootstrapAddsIntervalsToTheJson() throws IOException {
    CliRun o = run("fit", "--data", goodCsv().toString(), "--json", "--bootstrap", "20", "--seed", "3");
    assertEquals(0, o.code(), o.err());
    Map<String, String> j = BenchFitCommand.parseFlatJson(o.out());
    assertTrue(Double.parseDouble(j.get("alpha_lower")) <= Double.parseDouble(j.get("alpha_upper")), o.out());
    String again = run("fit", "--data", goodCsv().toString(), "--json", "--bootstrap", "20", "--seed", "3").out();
    assertEquals(withoutSeconds(o.out()), withoutSeconds(again)); // same seed, same answer (the time may differ)
  }

  private static String withoutSeconds(String json) {
    com.google.gson.JsonObject o = org.scalinglab.data.Json.parseObject(json.strip());
    o.remove("seconds");
    return o.toString();
  }

  @Test
  void printsATableAndWritesAPlot() throws IOException {
    Path png = dir.resolve("fit.png");
    CliRun o = run("fit", "--data", goodCsv().toString(), "--plot", png.toString());
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("columns: N ← 'Model Size', C ← 'Training FLOP' (D = C/6N), loss ← 'loss'"), o.out());
    assertTrue(o.out().contains("α") && o.out().contains("0.3400"), o.out());
    assertTrue(Files.size(png) > 1000);
  }

  @Test
  void approach2AndKaplanRun() throws IOException {
    Path csv = Path.of("../data/chinchilla_epoch_digitized.csv");
    CliRun two = run("fit", "--data", csv.toString(), "--approach", "2", "--json");
    assertEquals(0, two.code(), two.err());
    assertEquals(0.49, Double.parseDouble(BenchFitCommand.parseFlatJson(two.out()).get("a")), 0.02);
    CliRun k = run("fit", "--data", csv.toString(), "--approach", "kaplan", "--json");
    assertEquals(0, k.code(), k.err());
    assertTrue(k.out().contains("\"alpha_N\""), k.out());
  }

  @Test
  void approach2GroupingIsConfigurable() {
    String csv = "../data/chinchilla_epoch_digitized.csv";
    CliRun nearest = run("fit", "--data", csv, "--approach", "2", "--json", "--grouping",
        "nearest:0.06:6e18,1e19,3e19,6e19,1e20,3e20,6e20,1e21,3e21");
    assertEquals(0, nearest.code(), nearest.err());
    assertEquals(0.49, Double.parseDouble(BenchFitCommand.parseFlatJson(nearest.out()).get("a")), 0.03);
    assertBadInput("--grouping 'bins:3': expected modes:BANDWIDTH:TOLERANCE, round:STEP or nearest:TOLERANCE:C1,C2,...",
        "fit", "--data", csv, "--approach", "2", "--grouping", "bins:3");
  }

  @Test
  void emptyFile() throws IOException {
    assertBadInput("empty.csv: empty file (expected a header row such as N,D,loss)",
        "fit", "--data", write("empty.csv", "").toString());
  }

  @Test
  void misspelledColumn() throws IOException {
    Path p = goodCsv();
    assertBadInput("runs.csv: no column 'los' (given for the loss). Did you mean 'loss'? Check --loss-col. "
        + "Columns: Model Size, Training FLOP, loss", "fit", "--data", p.toString(), "--loss-col", "los");
  }

  @Test
  void missingColumn() throws IOException {
    assertBadInput("r.csv: no loss column (looked for loss, final_loss, eval_loss, val_loss, validation_loss, test_loss). "
        + "Name it with --loss-col. Columns: N, D, perplexity",
        "fit", "--data", write("r.csv", "N,D,perplexity\n1e8,1e9,20\n").toString());
  }

  @Test
  void nonNumericCell() throws IOException {
    assertBadInput("r.csv, row 3, column 'loss': 'n/a' is not a number",
        "fit", "--data", write("r.csv", "N,D,loss\n1e8,1e9,3\n2e8,1e9,n/a\n").toString());
  }

  @Test
  void notFiniteCell() throws IOException {
    assertBadInput("r.csv, row 2, column 'D': 'inf' is not a number",
        "fit", "--data", write("r.csv", "N,D,loss\n1e8,inf,3\n").toString());
    assertBadInput("s.csv, row 2, column 'D': 'NaN' is not a finite number",
        "fit", "--data", write("s.csv", "N,D,loss\n1e8,NaN,3\n").toString());
  }

  @Test
  void zeroOrNegativeValue() throws IOException {
    assertBadInput("r.csv, row 2, column 'N': must be positive, got -1e8",
        "fit", "--data", write("r.csv", "N,D,loss\n-1e8,1e9,3\n").toString());
  }

  @Test
  void duplicatedHeader() throws IOException {
    assertBadInput("r.csv, row 1, column 'N': duplicated column name (columns 1 and 3); rename one of them",
        "fit", "--data", write("r.csv", "N,D,N,loss\n1e8,1e9,1e8,3\n").toString());
  }

  @Test
  void fewerPointsThanParameters() throws IOException {
    assertBadInput("r.csv: these runs cannot determine the Approach-3 law E + A/N^α + B/D^β (5 parameters): "
        + "3 runs at 3 distinct (N, D) (need ≥ 5), 1 distinct D (need ≥ 3)",
        "fit", "--data", write("r.csv", "N,D,loss\n1e8,1e9,3\n2e8,1e9,2.9\n3e8,1e9,2.8\n").toString());
  }

  @Test
  void notACsvFile() throws IOException {
    Path bin = dir.resolve("weights.bin");
    Files.write(bin, new byte[] {1, 2, 3, 0, 5});
    assertBadInput("weights.bin: not a text file (binary byte 0x01 at offset 0)", "fit", "--data", bin.toString());
  }

  @Test
  void badOptions() throws IOException {
    Path p = goodCsv();
    assertBadInput("--approach must be 3, 2 or kaplan, got '4'", "fit", "--data", p.toString(), "--approach", "4");
    assertBadInput("--huber-delta must be a positive finite number, got 0", "fit", "--data", p.toString(), "--huber-delta", "0");
    assertBadInput("--bootstrap is available for --approach 3 only", "fit", "--data", p.toString(), "--approach", "2", "--bootstrap", "10");
  }

  // ---- issue 11: the files people have, ill-posed data, extrapolation, valid JSON ----

  /** The law-generated runs of goodCsv() as (N, C, loss) triples. */
  private static double[][] lawRuns() {
    var law = org.scalinglab.law.ChinchillaLaw.HOFFMANN_2022;
    java.util.List<double[]> out = new java.util.ArrayList<>();
    for (double n : new double[] {1e8, 3e8, 1e9, 3e9}) {
      for (double c : new double[] {1e19, 1e20, 1e21}) out.add(new double[] {n, c, law.loss(n, c / (6 * n))});
    }
    return out.toArray(new double[0][]);
  }

  private static String fitOf(String json) {
    com.google.gson.JsonObject o = org.scalinglab.data.Json.parseObject(json.strip());
    return String.join(" ", o.get("E").toString(), o.get("A").toString(), o.get("B").toString(), o.get("alpha").toString(),
        o.get("beta").toString(), o.get("objective").toString(), o.get("N_opt").toString());
  }

  @Test
  void jsonArrayAndJsonLinesGiveTheSameFitAsTheCsv() throws IOException {
    StringBuilder csv = new StringBuilder("parameters,compute_budget,final_loss\n");
    StringBuilder array = new StringBuilder("[\n");
    StringBuilder lines = new StringBuilder();
    double[][] runs = lawRuns();
    for (int i = 0; i < runs.length; i++) {
      double[] r = runs[i];
      csv.append(r[0]).append(',').append(r[1]).append(',').append(r[2]).append('\n');
      String obj = "{\"parameters\": " + r[0] + ", \"compute_budget\": " + r[1] + ", \"final_loss\": " + r[2] + "}";
      array.append("  ").append(obj).append(i + 1 < runs.length ? ",\n" : "\n");
      lines.append(obj).append('\n');
    }
    CliRun fromCsv = run("fit", "--data", write("runs.csv", csv.toString()).toString(), "--json");
    CliRun fromArray = run("fit", "--data", write("runs.json", array.append("]\n").toString()).toString(), "--json");
    CliRun fromLines = run("fit", "--data", write("runs.jsonl", lines.toString()).toString(), "--json");
    for (CliRun o : new CliRun[] {fromCsv, fromArray, fromLines}) assertEquals(0, o.code(), o.err());
    assertEquals(fitOf(fromCsv.out()), fitOf(fromArray.out()));
    assertEquals(fitOf(fromCsv.out()), fitOf(fromLines.out()));
    assertEquals(1.69, org.scalinglab.data.Json.parseObject(fromArray.out()).get("E").getAsDouble(), 1e-3);
    assertTrue(fromArray.out().contains("\"format\":\"JSON array of 12 records\""), fromArray.out());
    assertTrue(fromLines.out().contains("\"format\":\"JSON Lines, 12 records\""), fromLines.out());
    CliRun table = run("fit", "--data", dir.resolve("runs.json").toString());
    assertTrue(table.out().contains("  read: JSON array of 12 records\n"), table.out());
    assertTrue(table.out().contains("  columns: N ← 'parameters', C ← 'compute_budget' (D = C/6N), loss ← 'final_loss'\n"), table.out());
  }

  @Test
  void semicolonAndTabSeparatedFilesAreReadAndTheDelimiterReported() throws IOException {
    StringBuilder semi = new StringBuilder("N;C;loss\n"), tsv = new StringBuilder("N\tC\tloss\n");
    for (double[] r : lawRuns()) {
      semi.append(r[0]).append(';').append(r[1]).append(';').append(String.valueOf(r[2]).replace('.', ',')).append('\n');
      tsv.append(r[0]).append('\t').append(r[1]).append('\t').append(r[2]).append('\n');
    }
    CliRun a = run("fit", "--data", write("semi.csv", semi.toString()).toString());
    assertEquals(0, a.code(), a.err());
    assertTrue(a.out().contains("  read: semicolon-separated, delimiter ';' detected\n"), a.out());
    CliRun b = run("fit", "--data", write("runs.tsv", tsv.toString()).toString(), "--json");
    assertEquals(0, b.code(), b.err());
    assertTrue(b.out().contains("\"format\":\"TSV (tab-separated), delimiter tab detected\""), b.out());
  }

  @Test
  void twoCandidateColumnsAreAnErrorNamingBoth() throws IOException {
    assertBadInput("r.csv: two columns could be the loss: 'val_loss' and 'test_loss'. Choose one with --loss-col. "
        + "Columns: N, D, val_loss, test_loss",
        "fit", "--data", write("r.csv", "N,D,val_loss,test_loss\n1e8,1e9,3,3.1\n").toString());
  }

  @Test
  void tenCopiesOfOneRunGetADiagnosisNotANumber() throws IOException {
    CliRun o = run("fit", "--data", write("ten.csv", "N,D,loss\n" + "49999999,2e10,3.5\n".repeat(10)).toString());
    assertEquals(2, o.code());
    assertEquals("", o.out());
    assertEquals("scalinglab: error: ten.csv: these runs cannot determine the Approach-3 law E + A/N^α + B/D^β (5 parameters): "
        + "10 runs at 1 distinct (N, D) (need ≥ 5), 1 distinct N (need ≥ 3), 1 distinct D (need ≥ 3)", o.err().strip());
    assertBadInput("ten.csv: these runs cannot determine the Kaplan joint law [(N_c/N)^(α_N/α_D) + D_c/D]^α_D (4 parameters): "
        + "10 runs at 1 distinct (N, D) (need ≥ 4), 1 distinct N (need ≥ 2), 1 distinct D (need ≥ 2)",
        "fit", "--data", dir.resolve("ten.csv").toString(), "--approach", "kaplan");
  }

  @Test
  void runsAtOneTokensPerParameterCannotSeparateTheTerms() throws IOException {
    StringBuilder sb = new StringBuilder("N,D,loss\n");
    for (int k = 1; k <= 32; k *= 2) sb.append(1e8 * k).append(',').append(2e9 * k).append(',').append(3.0 / Math.pow(k, 0.1)).append('\n');
    assertBadInput("line.csv: these runs cannot determine the Approach-3 law E + A/N^α + B/D^β: N and D vary together "
        + "(D ∝ N^1.00 in every run), so the N and D terms cannot be told apart; add runs at other tokens per parameter",
        "fit", "--data", write("line.csv", sb.toString()).toString());
  }

  @Test
  void aFitThatRunsToABoundIsOneCleanMessageWithNoTable() throws IOException {
    // a pure power law with no floor: E runs to 0
    StringBuilder sb = new StringBuilder("N,C,loss\n");
    for (double[] r : lawRuns()) {
      double n = r[0], d = r[1] / (6 * n);
      sb.append(n).append(',').append(r[1]).append(',').append(406.4 / Math.pow(n, 0.34) + 410.7 / Math.pow(d, 0.28)).append('\n');
    }
    CliRun o = run("fit", "--data", write("nofloor.csv", sb.toString()).toString());
    assertEquals(2, o.code());
    assertEquals("", o.out(), "no partial table");
    assertTrue(o.err().strip().matches("scalinglab: error: nofloor\\.csv: the Approach-3 fit did not converge: E ran to 0 "
        + "\\(E = [0-9.e+-]+\\): the runs show no loss floor; no law is reported"), o.err());
    assertEquals(1, o.err().strip().lines().count());
  }

  @Test
  void anAbsurdLossIsAnOutlierTheRobustFitIgnoresWithoutAHalfTable() throws IOException {
    StringBuilder sb = new StringBuilder("N,C,loss\n");
    double[][] runs = lawRuns();
    for (int i = 0; i < runs.length; i++) {
      sb.append(runs[i][0]).append(',').append(runs[i][1]).append(',').append(i == 4 ? "1e300" : String.valueOf(runs[i][2])).append('\n');
    }
    CliRun o = run("fit", "--data", write("outlier.csv", sb.toString()).toString(), "--json");
    assertEquals(0, o.code(), o.err());
    var j = org.scalinglab.data.Json.parseObject(o.out());
    assertEquals(1.69, j.get("E").getAsDouble(), 0.02); // Huber loss: one point 690 nats off in log space barely moves the law
    assertEquals(0.34, j.get("alpha").getAsDouble(), 0.01);
  }

  @Test
  void fitJsonIsValidAndReportsSecondsRangeAndExtrapolation() throws IOException {
    CliRun o = run("fit", "--data", goodCsv().toString(), "--json");
    assertEquals(0, o.code(), o.err());
    var j = org.scalinglab.data.Json.parseObject(o.out());
    assertTrue(j.get("seconds").getAsDouble() > 0 && j.get("seconds").getAsDouble() < 60, o.out());
    assertEquals("[1.0E19,1.0E21]", j.getAsJsonObject("range").get("C").toString());
    // the default budget 5.76e23 is 576x above the runs' largest C: warned on stderr and listed in the JSON
    String warning = "C = 5.76e+23 FLOPs is 576× above the range the law was fitted on (1.00e+19 to 1.00e+21 FLOPs, 12 runs of runs.csv): "
        + "an extrapolation";
    assertEquals("scalinglab: warning: " + warning, o.err().strip());
    assertEquals(warning, j.getAsJsonArray("warnings").get(0).getAsString());
    CliRun quiet = run("fit", "--data", goodCsv().toString(), "--json", "--extrapolation-factor", "1000");
    assertEquals("", quiet.err());
    assertBadInput("--extrapolation-factor must be a finite number ≥ 1, got 0.5",
        "fit", "--data", goodCsv().toString(), "--extrapolation-factor", "0.5");
  }

  @Test
  void helpPrintsNoPicocliWarnings() {
    CliRun o = run("fit", "--help");
    assertEquals(0, o.code());
    assertTrue(!o.err().contains("WARN") && !o.out().contains("WARN"), o.err());
    assertTrue(o.out().contains("95% intervals"), o.out());
  }
}
