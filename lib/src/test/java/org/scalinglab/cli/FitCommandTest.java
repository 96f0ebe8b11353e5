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
    assertEquals(o.out(), run("fit", "--data", goodCsv().toString(), "--json", "--bootstrap", "20", "--seed", "3").out());
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
    assertBadInput("runs.csv, row 1, column 'los': no such column (--loss-col); did you mean 'loss'? "
        + "Columns: Model Size, Training FLOP, loss", "fit", "--data", p.toString(), "--loss-col", "los");
  }

  @Test
  void missingColumn() throws IOException {
    assertBadInput("r.csv, row 1: no loss column (looked for loss, finalloss, l, valloss, validationloss, …); "
        + "name it with --loss-col. Columns: N, D, perplexity",
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
    assertBadInput("r.csv: 3 runs but the Approach-3 law has 5 parameters (E, A, B, alpha, beta); need at least 5 runs",
        "fit", "--data", write("r.csv", "N,D,loss\n1e8,1e9,3\n2e8,1e9,2.9\n3e8,1e9,2.8\n").toString());
  }

  @Test
  void notACsvFile() throws IOException {
    Path bin = dir.resolve("weights.bin");
    Files.write(bin, new byte[] {1, 2, 3, 0, 5});
    assertBadInput("weights.bin: not a CSV text file (binary byte 0x01 at offset 0)", "fit", "--data", bin.toString());
    assertBadInput("r.csv, row 1: not comma-separated: the header is a single column 'N;D;loss' that contains ';'; "
        + "save the file with commas between columns", "fit", "--data", write("r.csv", "N;D;loss\n1;2;3\n").toString());
  }

  @Test
  void badOptions() throws IOException {
    Path p = goodCsv();
    assertBadInput("--approach must be 3, 2 or kaplan, got '4'", "fit", "--data", p.toString(), "--approach", "4");
    assertBadInput("--huber-delta must be a positive finite number, got 0", "fit", "--data", p.toString(), "--huber-delta", "0");
    assertBadInput("--bootstrap is available for --approach 3 only", "fit", "--data", p.toString(), "--approach", "2", "--bootstrap", "10");
  }
}
