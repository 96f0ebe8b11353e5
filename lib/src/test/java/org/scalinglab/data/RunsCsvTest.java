package org.scalinglab.data;

import org.scalinglab.error.BadInputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsCsvTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private String error(Path p) {
    return assertThrows(BadInputException.class, () -> RunsCsv.read(p)).getMessage();
  }

  @Test
  void readsTheDigitizedChinchillaRunsGuessingTheirColumns() {
    RunsCsv.Loaded l = RunsCsv.builder().build().load(Path.of("../data/chinchilla_epoch_digitized.csv"));
    assertEquals(245, l.runs().size());
    assertEquals("Model Size", l.paramsColumn());
    assertEquals("Training FLOP", l.computeColumn());
    assertNull(l.tokensColumn());
    assertEquals("loss", l.lossColumn());
    Run first = l.runs().get(0);
    assertEquals(6795600349.289497, first.params());
    assertEquals(9.993852799709755e18 / (6 * 6795600349.289497), first.tokens(), 1e-3);
    assertEquals("N ← 'Model Size', C ← 'Training FLOP' (D = C/6N), loss ← 'loss'", l.describe());
  }

  @Test
  void derivesComputeFromTokensAndAcceptsNamedColumns() throws IOException {
    Path p = write("runs.csv", "model_params,seen,val_loss\n1e8,2e9,3.1\n2e8,4e9,2.9\n");
    RunsCsv.Loaded l = RunsCsv.builder().paramsColumn("model_params").tokensColumn("SEEN").build().load(p);
    assertEquals(6 * 1e8 * 2e9, l.runs().get(0).compute());
    assertEquals("val_loss", l.lossColumn());
  }

  @Test
  void quotedCellsAndWindowsLineEndsAreFine() throws IOException {
    Path p = write("q.csv", "\"N\",\"D\",\"loss\"\r\n\"1e8\",\"2e9\",\"3.1\"\r\n");
    assertEquals(1, RunsCsv.read(p).size());
  }

  @Test
  void emptyFile() throws IOException {
    assertEquals("empty.csv: empty file (expected a header row such as N,D,loss)", error(write("empty.csv", "")));
    assertEquals("blank.csv: empty file (expected a header row such as N,D,loss)", error(write("blank.csv", "\n  \n")));
  }

  @Test
  void headerWithoutRows() throws IOException {
    assertEquals("h.csv: no data rows after the header", error(write("h.csv", "N,D,loss\n")));
  }

  @Test
  void missingFile() {
    assertEquals(true, error(dir.resolve("nope.csv")).startsWith("nope.csv: no such file"));
  }

  @Test
  void misspelledColumnGivenByName() throws IOException {
    Path p = write("runs.csv", "N,D,loss\n1e8,2e9,3.1\n");
    String msg = assertThrows(BadInputException.class,
        () -> RunsCsv.builder().lossColumn("lsos").build().load(p)).getMessage();
    assertEquals("runs.csv, row 1, column 'lsos': no such column (--loss-col); did you mean 'loss'? Columns: N, D, loss", msg);
  }

  @Test
  void misspelledColumnInTheFile() throws IOException {
    assertEquals("runs.csv, row 1: no loss column (looked for loss, finalloss, l, valloss, validationloss, …); "
        + "did you mean 'lsos'?; name it with --loss-col. Columns: N, D, lsos",
        error(write("runs.csv", "N,D,lsos\n1e8,2e9,3.1\n")));
  }

  @Test
  void missingColumn() throws IOException {
    assertEquals("runs.csv, row 1: no parameters (N) column (looked for n, params, parameters, modelsize, nparams, …); "
        + "name it with --params-col. Columns: D, loss", error(write("runs.csv", "D,loss\n2e9,3.1\n")));
    assertEquals("r2.csv, row 1: no tokens or compute column (looked for d, tokens, trainingtokens, ntokens, numtokens, … "
        + "and c, flops, flop, trainingflop, trainingflops, …); did you mean 'tokns'?; name one with --tokens-col or "
        + "--compute-col. Columns: N, tokns, loss", error(write("r2.csv", "N,tokns,loss\n1e8,2e9,3.1\n")));
  }

  @Test
  void nonNumericCell() throws IOException {
    assertEquals("runs.csv, row 3, column 'D': 'lots' is not a number",
        error(write("runs.csv", "N,D,loss\n1e8,2e9,3.1\n2e8,lots,2.9\n")));
  }

  @Test
  void emptyCell() throws IOException {
    assertEquals("runs.csv, row 2, column 'loss': empty cell", error(write("runs.csv", "N,D,loss\n1e8,2e9,\n")));
  }

  @Test
  void notFiniteCells() throws IOException {
    assertEquals("runs.csv, row 2, column 'loss': 'NaN' is not a finite number",
        error(write("runs.csv", "N,D,loss\n1e8,2e9,NaN\n")));
    assertEquals("r2.csv, row 3, column 'N': 'Infinity' is not a finite number",
        error(write("r2.csv", "N,D,loss\n1e8,2e9,3\nInfinity,2e9,3\n")));
  }

  @Test
  void zeroOrNegativeValues() throws IOException {
    assertEquals("runs.csv, row 2, column 'N': must be positive, got 0",
        error(write("runs.csv", "N,D,loss\n0,2e9,3.1\n")));
    assertEquals("r2.csv, row 4, column 'loss': must be positive, got -0.5",
        error(write("r2.csv", "N,D,loss\n1e8,2e9,3.1\n1e8,2e9,3.1\n1e8,2e9,-0.5\n")));
  }

  @Test
  void duplicatedHeader() throws IOException {
    assertEquals("runs.csv, row 1, column 'Loss': duplicated column name (columns 3 and 4); rename one of them",
        error(write("runs.csv", "N,D,loss,Loss\n1e8,2e9,3.1,3.2\n")));
  }

  @Test
  void wrongDelimiter() throws IOException {
    assertEquals("runs.csv, row 1: not comma-separated: the header is a single column 'N;D;loss' that contains ';'; "
        + "save the file with commas between columns", error(write("runs.csv", "N;D;loss\n1e8;2e9;3.1\n")));
    assertEquals("t.csv, row 1: not comma-separated: the header is a single column 'N\\tD\\tloss' that contains a tab; "
        + "save the file with commas between columns", error(write("t.csv", "N\tD\tloss\n1e8\t2e9\t3.1\n")));
  }

  @Test
  void shortRow() throws IOException {
    assertEquals("runs.csv, row 3: 2 cells but the header has 3 columns",
        error(write("runs.csv", "N,D,loss\n1e8,2e9,3.1\n1e8,2e9\n")));
  }

  @Test
  void rowNumbersCountBlankLinesAsASpreadsheetDoes() throws IOException {
    assertEquals("runs.csv, row 4, column 'D': 'x' is not a number",
        error(write("runs.csv", "N,D,loss\n1e8,2e9,3.1\n\n1e8,x,3\n")));
  }

  @Test
  void binaryFile() throws IOException {
    Path p = dir.resolve("model.png");
    Files.write(p, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
    assertEquals("model.png: not a CSV text file (binary byte 0x1a at offset 6)", error(p));
  }

  @Test
  void jsonFile() throws IOException {
    assertEquals("runs.json: not a CSV file (it starts with '{', like JSON or HTML/XML; expected a header row such as N,D,loss)",
        error(write("runs.json", "{\"N\": [1e8], \"loss\": [3.1]}\n")));
  }

  @Test
  void closeNamesAndEditDistance() {
    assertEquals(1, RunsCsv.editDistance("lsos", "loss"));
    assertEquals(3, RunsCsv.editDistance("kitten", "sitting"));
    assertEquals(List.of("Model Size"), RunsCsv.closeNames("model_size", List.of("Model Size", "loss")));
    assertEquals("trainingflop", RunsCsv.normalise("Training FLOP"));
  }
}
