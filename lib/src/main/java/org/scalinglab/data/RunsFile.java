package org.scalinglab.data;

import org.scalinglab.error.BadInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a file of training runs into {@link Runs}, checking every value: CSV, TSV or
 * semicolon-separated text (the delimiter detected), a JSON array of objects, or JSON Lines
 * ({@link RecordTable}). The columns for parameters N, tokens D, compute C and the loss are named
 * by the caller or found by {@link ColumnGuesser} from the names people write ({@code N},
 * {@code num_params}, {@code Model Size}; {@code tokens_seen}; {@code compute_budget}, {@code FLOPs};
 * {@code final_loss}, {@code val_loss}, …); two columns that could be the same quantity are an
 * error naming both. D and C may be given alone: the missing one follows from C = 6ND
 * (Kaplan et al. 2020, Section 2.1).
 *
 * <p>Every problem is a {@link BadInputException} whose one-line message names the file, the row
 * (CSV: as a spreadsheet counts, header = row 1; JSON: the record; JSON Lines: the line) and the
 * column: an empty or binary file, invalid JSON, a duplicated column name, a missing, misspelled or
 * ambiguous column ({@link ColumnException}), a short row, an empty, non-numeric, NaN/infinite, zero
 * or negative value.
 *
 * <pre>{@code
 * Runs runs = RunsFile.read(Path.of("data/chinchilla_epoch_digitized.csv"));
 * RunsFile.Loaded l = RunsFile.builder().lossColumn("val_loss").build().load(Path.of("runs.jsonl"));
 * }</pre>
 */
public final class RunsFile {
  private final String paramsColumn;
  private final String tokensColumn;
  private final String computeColumn;
  private final String lossColumn;

  private RunsFile(Builder b) {
    this.paramsColumn = b.paramsColumn;
    this.tokensColumn = b.tokensColumn;
    this.computeColumn = b.computeColumn;
    this.lossColumn = b.lossColumn;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads the file guessing every column. */
  public static Runs read(Path file) {
    return builder().build().load(file).runs();
  }

  /**
   * The runs read, what the file was ("CSV (comma-separated), delimiter ',' detected", "JSON array of
   * 12 records", …) and the columns they came from ({@code tokensColumn} or {@code computeColumn} is
   * null when that quantity was derived from C = 6ND).
   */
  public record Loaded(Runs runs, String format, String paramsColumn, String tokensColumn, String computeColumn,
      String lossColumn) {
    /** E.g. "N ← 'Model Size', C ← 'Training FLOP' (D = C/6N), loss ← 'loss'". */
    public String describe() {
      StringBuilder sb = new StringBuilder("N ← '").append(paramsColumn).append('\'');
      if (tokensColumn != null) sb.append(", D ← '").append(tokensColumn).append('\'');
      if (computeColumn != null) sb.append(", C ← '").append(computeColumn).append('\'');
      if (tokensColumn == null) sb.append(" (D = C/6N)");
      if (computeColumn == null) sb.append(" (C = 6ND)");
      return sb.append(", loss ← '").append(lossColumn).append('\'').toString();
    }
  }

  /** Reads and checks the file. */
  public Loaded load(Path path) {
    RecordTable t = RecordTable.read(path);
    String file = t.file();
    ColumnGuesser guesser = ColumnGuesser.of(t.header());
    int p = resolve(t, guesser, paramsColumn, ColumnGuesser.Role.PARAMS, true);
    int d = resolve(t, guesser, tokensColumn, ColumnGuesser.Role.TOKENS, false);
    int c = resolve(t, guesser, computeColumn, ColumnGuesser.Role.COMPUTE, false);
    int l = resolve(t, guesser, lossColumn, ColumnGuesser.Role.LOSS, true);
    List<String> h = t.header();
    if (d < 0 && c < 0) {
      String close = guesser.suggestion(List.of(h.get(p), h.get(l)), ColumnGuesser.Role.TOKENS, ColumnGuesser.Role.COMPUTE);
      throw new ColumnException(ColumnException.Kind.MISSING, file + ": no tokens or compute " + t.columnWord() + " (looked for "
          + ColumnGuesser.names(ColumnGuesser.Role.TOKENS) + " and " + ColumnGuesser.names(ColumnGuesser.Role.COMPUTE) + ")"
          + close, "name one of them", h, null);
    }
    if (t.rows() == 0) throw new BadInputException(file + ": no data rows after the header");
    List<Run> runs = new ArrayList<>(t.rows());
    for (int r = 0; r < t.rows(); r++) {
      double n = t.positive(r, p, h.get(p));
      double loss = t.positive(r, l, h.get(l));
      Run run;
      if (d >= 0 && c >= 0) {
        run = new Run(n, t.positive(r, d, h.get(d)), t.positive(r, c, h.get(c)), loss);
      } else if (d >= 0) {
        run = Run.of(n, t.positive(r, d, h.get(d)), loss);
      } else {
        run = Run.fromCompute(n, t.positive(r, c, h.get(c)), loss);
      }
      runs.add(run);
    }
    return new Loaded(Runs.of(runs, file), t.format(), h.get(p), d >= 0 ? h.get(d) : null, c >= 0 ? h.get(c) : null, h.get(l));
  }

  /** The index of a named or guessed column; −1 when optional and absent. */
  private static int resolve(RecordTable t, ColumnGuesser guesser, String given, ColumnGuesser.Role role, boolean required) {
    if (given != null) {
      int i = t.indexOf(given);
      if (i >= 0) return i;
      List<String> close = guesser.closeTo(given);
      throw new ColumnException(ColumnException.Kind.NO_SUCH_COLUMN, t.file() + ": no " + t.columnWord() + " '" + given.strip() + "' (given for the " + role.label() + ")"
          + (close.isEmpty() ? "" : ". Did you mean " + ColumnGuesser.quoted(close) + "?"), "check the name", t.header(), role);
    }
    int i = guesser.find(role, t.file());
    if (i >= 0 || !required) return i;
    throw new ColumnException(ColumnException.Kind.MISSING, t.file() + ": no " + role.label() + " " + t.columnWord() + " (looked for "
        + ColumnGuesser.names(role) + ")" + guesser.suggestion(List.of(), role), "name it", t.header(), role);
  }

  /** Column names; each one left unset is guessed. */
  public static final class Builder {
    private String paramsColumn;
    private String tokensColumn;
    private String computeColumn;
    private String lossColumn;

    private Builder() {}

    public Builder paramsColumn(String name) {
      this.paramsColumn = name;
      return this;
    }

    public Builder tokensColumn(String name) {
      this.tokensColumn = name;
      return this;
    }

    public Builder computeColumn(String name) {
      this.computeColumn = name;
      return this;
    }

    public Builder lossColumn(String name) {
      this.lossColumn = name;
      return this;
    }

    public RunsFile build() {
      return new RunsFile(this);
    }
  }
}
