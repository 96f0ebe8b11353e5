package org.scalinglab.data;

import org.scalinglab.error.BadInputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsFileTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private String error(Path p) {
    return assertThrows(BadInputException.class, () -> RunsFile.read(p)).getMessage();
  }

  @Test
  void readsTheDigitizedChinchillaRunsGuessingTheirColumns() {
    RunsFile.Loaded l = RunsFile.builder().build().load(Path.of("../data/chinchilla_epoch_digitized.csv"));
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
    RunsFile.Loaded l = RunsFile.builder().paramsColumn("model_params").tokensColumn("SEEN").build().load(p);
    assertEquals(6 * 1e8 * 2e9, l.runs().get(0).compute());
    assertEquals("val_loss", l.lossColumn());
  }

  @Test
  void quotedCellsAndWindowsLineEndsAreFine() throws IOException {
    Path p = write("q.csv", "\"N\",\"D\",\"loss\"\r\n\"1e8\",\"2e9\",\"3.1\"\r\n");
    assertEquals(1, RunsFile.read(p).size());
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
    ColumnException ex = assertThrows(ColumnException.class, () -> RunsFile.builder().lossColumn("lsos").build().load(p));
    assertEquals("runs.csv: no column 'lsos' (given for the loss). Did you mean 'loss'? Check the name. Columns: N, D, loss", ex.getMessage());
    assertEquals(ColumnException.Kind.NO_SUCH_COLUMN, ex.kind());
    assertEquals(ColumnGuesser.Role.LOSS, ex.role());
  }

  @Test
  void misspelledColumnInTheFile() throws IOException {
    assertEquals("runs.csv: no loss column (looked for loss, final_loss, eval_loss, val_loss, validation_loss, test_loss). "
        + "Did you mean 'lsos'? Name it. Columns: N, D, lsos", error(write("runs.csv", "N,D,lsos\n1e8,2e9,3.1\n")));
  }

  @Test
  void missingColumn() throws IOException {
    assertEquals("runs.csv: no parameters (N) column (looked for N, params, parameters, n_params, num_params, "
        + "non_embedding_params, model_size). Name it. Columns: D, loss", error(write("runs.csv", "D,loss\n2e9,3.1\n")));
    assertEquals("r2.csv: no tokens or compute column (looked for D, tokens, train_tokens, num_tokens, tokens_seen, data_size "
        + "and C, compute, compute_budget, flops, train_flops, budget). Did you mean 'tokns'? Name one of them. "
        + "Columns: N, tokns, loss", error(write("r2.csv", "N,tokns,loss\n1e8,2e9,3.1\n")));
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
  void tabAndSemicolonDelimitersAreDetectedAndReported() throws IOException {
    RunsFile.Loaded tsv = RunsFile.builder().build().load(write("runs.tsv", "N\tD\tloss\n1e8\t2e9\t3.1\n"));
    assertEquals("TSV (tab-separated), delimiter tab detected", tsv.format());
    assertEquals(3.1, tsv.runs().get(0).loss());
    // what spreadsheets write in locales with a decimal comma
    RunsFile.Loaded semi = RunsFile.builder().build().load(write("runs.csv", "N;D;loss\n1e8;2e9;3,1\n2,5e8;4e9;2.9\n"));
    assertEquals("semicolon-separated, delimiter ';' detected", semi.format());
    assertEquals(3.1, semi.runs().get(0).loss());
    assertEquals(2.5e8, semi.runs().get(1).params());
    assertEquals("CSV (comma-separated), delimiter ',' detected",
        RunsFile.builder().build().load(write("c.csv", "N,D,loss\n1e8,2e9,3.1\n")).format());
  }

  @Test
  void aSingleColumnWithAnotherSeparatorIsNotGuessedAtButReported() throws IOException {
    assertEquals("runs.txt: no parameters (N) column (looked for N, params, parameters, n_params, num_params, "
        + "non_embedding_params, model_size). Name it. Columns: N:D:loss", error(write("runs.txt", "N:D:loss\n1e8:2e9:3.1\n")));
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
    assertEquals("model.png: not a text file (binary byte 0x1a at offset 6)", error(p));
  }

  @Test
  void theIssuesJsonArrayWithItsColumnNames() throws IOException {
    RunsFile.Loaded l = RunsFile.builder().build().load(write("runs.json",
        "[{\"parameters\": 49999999, \"compute_budget\": 6e18, \"final_loss\": 7.19},\n"
            + " {\"parameters\": 1e8, \"compute_budget\": 1e19, \"final_loss\": 6.5}]"));
    assertEquals("JSON array of 2 records", l.format());
    assertEquals("N ← 'parameters', C ← 'compute_budget' (D = C/6N), loss ← 'final_loss'", l.describe());
    assertEquals(49999999, l.runs().get(0).params());
    assertEquals(6e18, l.runs().get(0).compute());
    assertEquals(7.19, l.runs().get(0).loss());
  }

  @Test
  void jsonLinesAndAWrappedArray() throws IOException {
    RunsFile.Loaded l = RunsFile.builder().build().load(write("runs.jsonl",
        "{\"N_Params\": 1e8, \"Tokens-Seen\": 2e9, \"Val Loss\": 3.1}\n\n{\"N_Params\": 2e8, \"Tokens-Seen\": 4e9, \"Val Loss\": 2.9}\n"));
    assertEquals("JSON Lines, 2 records", l.format());
    assertEquals("N ← 'N_Params', D ← 'Tokens-Seen' (C = 6ND), loss ← 'Val Loss'", l.describe());
    RunsFile.Loaded w = RunsFile.builder().build().load(write("w.json",
        "{\"name\": \"sweep\", \"runs\": [\n  {\"N\": 1e8, \"D\": 2e9, \"loss\": 3.1}\n]}"));
    assertEquals("JSON array 'runs' of 1 records", w.format());
  }

  @Test
  void jsonErrorsNameTheRecordOrLine() throws IOException {
    assertEquals("runs.json, record 2, field 'loss': missing (this record has no 'loss')",
        error(write("runs.json", "[{\"N\": 1e8, \"D\": 2e9, \"loss\": 3.1}, {\"N\": 1e8, \"D\": 2e9}]")));
    assertEquals("runs.json, record 1, field 'loss': 'null' is not a number",
        error(write("runs.json", "[{\"N\": 1e8, \"D\": 2e9, \"loss\": null}]")));
    assertEquals("r.jsonl, line 3, field 'D': 'lots' is not a number",
        error(write("r.jsonl", "{\"N\": 1e8, \"D\": 2e9, \"loss\": 3.1}\n\n{\"N\": 1e8, \"D\": \"lots\", \"loss\": 3.1}\n")));
    assertTrue(error(write("r.jsonl", "{\"N\": 1e8, \"D\": 2e9, \"loss\": 3.1}\n{\"N\": 1e8,\n"))
        .startsWith("r.jsonl, line 2: not a JSON object (JSON Lines: one object per line): "));
    assertEquals("a.json, record 2: expected an object such as {\"N\": 7e7, \"D\": 1.4e9, \"loss\": 3.1}, got a number",
        error(write("a.json", "[{\"N\": 1e8, \"D\": 2e9, \"loss\": 3.1}, 5]")));
    assertEquals(true, error(write("bad.json", "[{\"N\": 1e8,, }]")).startsWith("bad.json: not valid JSON: "));
  }

  @Test
  void twoCandidateColumnsAreAnErrorNamingBoth() throws IOException {
    ColumnException ex = assertThrows(ColumnException.class,
        () -> RunsFile.read(write("runs.csv", "N,D,val_loss,test_loss\n1e8,2e9,3.1,3.2\n")));
    assertEquals("runs.csv: two columns could be the loss: 'val_loss' and 'test_loss'. Name the one to use. "
        + "Columns: N, D, val_loss, test_loss", ex.getMessage());
    assertEquals(ColumnException.Kind.AMBIGUOUS, ex.kind());
    assertEquals("r.json: two columns could be the compute (C): 'flops' and 'budget'. Name the one to use. Columns: N, flops, budget, loss",
        error(write("r.json", "[{\"N\": 1e8, \"flops\": 1e19, \"budget\": 1e19, \"loss\": 3}]")));
    // naming one resolves it
    assertEquals(3.2, RunsFile.builder().lossColumn("test_loss").build().load(dir.resolve("runs.csv")).runs().get(0).loss());
  }

  @Test
  void everyNameInTheIssuesListsIsRecognised() {
    for (ColumnGuesser.Role role : ColumnGuesser.Role.values()) {
      for (String name : role.names()) {
        String upper = name.toUpperCase(java.util.Locale.ROOT).replace('_', ' ');
        assertEquals(0, ColumnGuesser.of(List.of(upper, "other")).find(role, "f"), role + " " + upper);
      }
    }
    for (String name : List.of("N", "params", "parameters", "n_params", "num_params", "non_embedding_params", "model_size")) {
      assertEquals(true, ColumnGuesser.Role.PARAMS.names().contains(name), name);
    }
    for (String name : List.of("D", "tokens", "train_tokens", "num_tokens", "tokens_seen", "data_size")) {
      assertEquals(true, ColumnGuesser.Role.TOKENS.names().contains(name), name);
    }
    for (String name : List.of("C", "compute", "compute_budget", "flops", "train_flops", "budget")) {
      assertEquals(true, ColumnGuesser.Role.COMPUTE.names().contains(name), name);
    }
    for (String name : List.of("loss", "final_loss", "eval_loss", "val_loss", "validation_loss", "test_loss")) {
      assertEquals(true, ColumnGuesser.Role.LOSS.names().contains(name), name);
    }
  }

  @Test
  void closeNamesAndEditDistance() {
    assertEquals(1, ColumnGuesser.editDistance("lsos", "loss"));
    assertEquals(3, ColumnGuesser.editDistance("kitten", "sitting"));
    assertEquals(List.of("Model Size"), ColumnGuesser.of(List.of("Model Size", "loss")).closeTo("model_size"));
    assertEquals("trainingflop", ColumnGuesser.normalise("Training FLOP"));
  }
}
